using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Registration;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Registration;

/// <summary>
/// Dynamic Registration as an attacker tries it (issue 9, finding 1): without a link, with a used or expired link, with a
/// configuration that lies about its issuer, with user-info in the address, and re-registering an issuer and client id
/// that exist. Each is refused, and the real LMS's registration is the same afterwards and still launches.
/// </summary>
public sealed class RegistrationSecurityTests : IAsyncLifetime
{
    private ToolFactory _tool = null!;
    private PlatformSimulatorHost _lms = null!;
    private HostileLms _hostile = null!;

    public async Task InitializeAsync()
    {
        _tool = new ToolFactory(TempFiles.NewDatabaseFile());
        _lms = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        await LtiEnvironment.RegisterAsync(_tool, _lms.Platform);
        _hostile = await HostileLms.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hostile.DisposeAsync();
        await _lms.DisposeAsync();
        await _tool.DisposeAsync();
    }

    [Fact]
    public async Task WithoutALinkNothingIsFetchedAndNothingRegistered()
    {
        _hostile.ClaimedIssuer = _lms.Platform.Issuer;
        var before = await PlatformsAsync();

        var (status, body) = await GetAsync(RegisterPath(link: null, _hostile.ConfigurationUrl, "token"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("registration_link_required", ErrorCode(body));
        Assert.Contains("Ask the LtiPD administrator", body, StringComparison.Ordinal);
        Assert.Empty(_hostile.Requests);
        Assert.Equal(before, await PlatformsAsync());
        await AssertTheRealLmsStillLaunchesAsync();
    }

    [Theory]
    [InlineData("not-a-link-at-all")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AnUnknownLinkIsRefused(string link)
    {
        var (status, body) = await GetAsync(RegisterPath(link, _lms.Platform.OpenIdConfigurationUrl, _lms.Platform.IssueRegistrationToken()));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("registration_link_invalid", ErrorCode(body));
        Assert.Empty(_lms.Platform.Registrations);
    }

    [Fact]
    public async Task ALinkRegistersOneLmsOnceAndRecordsWhichOne()
    {
        var link = await CreateLinkAsync("Physics Moodle");

        var (status, body) = await GetAsync(RegisterPath(link, _lms.Platform.OpenIdConfigurationUrl, _lms.Platform.IssueRegistrationToken()));

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("id=\"registration-done\"", body, StringComparison.Ordinal);
        var registered = Assert.Single(_lms.Platform.Registrations);
        var used = Assert.Single(await LinksAsync());
        Assert.Equal(("Physics Moodle", _lms.Platform.Issuer, registered.ClientId), (used.Label, used.UsedByIssuer, used.UsedByClientId));
        Assert.NotNull(used.UsedAt);

        var (again, againBody) = await GetAsync(RegisterPath(link, _lms.Platform.OpenIdConfigurationUrl, _lms.Platform.IssueRegistrationToken()));

        Assert.Equal(HttpStatusCode.Forbidden, again);
        Assert.Equal("registration_link_used", ErrorCode(againBody));
        Assert.Single(_lms.Platform.Registrations);
        Assert.Equal(2, (await PlatformsAsync()).Count);
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedWithoutCallingTheLms()
    {
        var link = await CreateLinkAsync("late");
        await _tool.WithDbAsync(db => db.RegistrationLinks.ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var calls = _lms.Platform.Recorder.Calls.Count;

        var (status, body) = await GetAsync(RegisterPath(link, _lms.Platform.OpenIdConfigurationUrl, _lms.Platform.IssueRegistrationToken()));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("registration_link_expired", ErrorCode(body));
        Assert.Equal(calls, _lms.Platform.Recorder.Calls.Count);
    }

    [Fact]
    public async Task AConfigurationClaimingAnotherLmssIssuerIsRefusedAndItsRegistrationEndpointNeverCalled()
    {
        _hostile.ClaimedIssuer = _lms.Platform.Issuer;
        var before = await PlatformsAsync();
        var link = await CreateLinkAsync("attacker got a link");

        var (status, body) = await GetAsync(RegisterPath(link, _hostile.ConfigurationUrl, "token"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("registration_configuration_invalid", ErrorCode(body));
        Assert.DoesNotContain("POST /register", _hostile.Requests);
        Assert.Equal(before, await PlatformsAsync());
        Assert.Null(Assert.Single(await LinksAsync()).UsedAt);
        await AssertTheRealLmsStillLaunchesAsync();
    }

    [Fact]
    public async Task UserInfoInTheConfigurationAddressIsRefusedBeforeAnythingIsFetched()
    {
        // "http://<real LMS>@<attacker>/…": a text prefix check reads the real LMS; the request goes to the attacker.
        var disguised = new Uri($"http://{_lms.Platform.BaseUrl.Authority}@{_hostile.BaseUrl.Authority}/.well-known/openid-configuration");
        var link = await CreateLinkAsync(null);

        var (status, body) = await GetAsync(RegisterPath(link, disguised, "token"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("registration_parameter_missing", ErrorCode(body));
        Assert.Empty(_hostile.Requests);
        Assert.Null(Assert.Single(await LinksAsync()).UsedAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RegisteringAnIssuerAndClientIdThatExistIsRefusedAndChangesNothing(bool withoutLinkAllowedForALab)
    {
        await using var tool = withoutLinkAllowedForALab
            ? new ToolFactory(_tool.DatabaseFile, settings: new Dictionary<string, string> { ["Registration:AllowWithoutLink"] = "true" })
            : null;
        var target = tool ?? _tool;
        // The hostile LMS answers with the simulator's own issuer-and-client pair only where it may claim that issuer: here it
        // claims its own origin, and an administrator registered that origin and client id earlier with their real URLs.
        var existing = await AddExistingAsync(target, _hostile.Origin, "existing-client");
        _hostile.ClientId = "existing-client";
        var before = await PlatformsAsync();
        var link = withoutLinkAllowedForALab ? null : await CreateLinkAsync("second registration");

        var (status, body) = await GetAsync(RegisterPath(link, _hostile.ConfigurationUrl, "token"), target);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("registration_platform_exists", ErrorCode(body));
        Assert.Equal(before, await PlatformsAsync());
        Assert.Contains(existing, await PlatformsAsync());
        if (link is not null)
            Assert.Null(Assert.Single(await LinksAsync()).UsedAt);
        await AssertTheRealLmsStillLaunchesAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnLmsErrorPageIsNeverShownOnlyItsStatus(bool atConfiguration)
    {
        if (atConfiguration)
            _hostile.ConfigurationStatus = 500;
        else
            _hostile.RegistrationStatus = 403;
        var link = await CreateLinkAsync(null);

        var (status, body) = await GetAsync(RegisterPath(link, _hostile.ConfigurationUrl, "token"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(atConfiguration ? "registration_configuration_unavailable" : "registration_refused", ErrorCode(body));
        Assert.Contains(atConfiguration ? "HTTP 500" : "HTTP 403", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-INTERNAL-7f3a", body, StringComparison.Ordinal);
        Assert.DoesNotContain("internal admin console", body, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await LinksAsync()).UsedAt);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"registered\"")]
    [InlineData("{\"client_id\":\"c\",\"https://purl.imsglobal.org/spec/lti-tool-configuration\":[]}")]
    public async Task ARegistrationAnswerThatIsNotAClientRegistrationIsRefusedAndGivesTheLinkBack(string answer)
    {
        _hostile.RegistrationJson = answer;
        var before = await PlatformsAsync();
        var link = await CreateLinkAsync(null);

        var (status, body) = await GetAsync(RegisterPath(link, _hostile.ConfigurationUrl, "token"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("registration_refused", ErrorCode(body));
        Assert.Equal(before, await PlatformsAsync());
        Assert.Null(Assert.Single(await LinksAsync()).UsedAt);
    }

    private static string RegisterPath(string? link, Uri configuration, string token) =>
        (link is null ? "lti/register" : "lti/register/" + link)
        + $"?openid_configuration={Uri.EscapeDataString(configuration.OriginalString)}&registration_token={Uri.EscapeDataString(token)}";

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, ToolFactory? tool = null)
    {
        using var client = (tool ?? _tool).CreateRawClient();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<string> CreateLinkAsync(string? label) => RegistrationSteps.CreateLinkAsync(_tool, label);

    private static async Task<string> AddExistingAsync(ToolFactory tool, string issuer, string clientId)
    {
        await using var scope = tool.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<LtiPD.Web.Features.Platforms.PlatformCatalog>().AddAsync(new(
            issuer, clientId, issuer + "/real-auth", issuer + "/real-token", issuer + "/real-jwks", ["1"]), CancellationToken.None);
        Assert.Empty(errors);
        return $"{issuer}|{clientId}|{issuer}/real-auth|{issuer}/real-token|{issuer}/real-jwks|1";
    }

    private Task<List<string>> PlatformsAsync() => _tool.WithDbAsync(async db =>
        (await db.Platforms.AsNoTracking().Include(p => p.Deployments).OrderBy(p => p.Id).ToListAsync())
        .ConvertAll(p => $"{p.Issuer}|{p.ClientId}|{p.AuthUrl}|{p.TokenUrl}|{p.JwksUrl}|{string.Join(",", p.Deployments.Select(d => d.DeploymentId).Order())}"));

    private async Task<IReadOnlyList<RegistrationLinkSummary>> LinksAsync()
    {
        await using var scope = _tool.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistrationLinks>().ListAsync(CancellationToken.None);
    }

    private async Task AssertTheRealLmsStillLaunchesAsync()
    {
        var outcome = await new LaunchDriver(_tool, _lms.Platform).LaunchAsync(_lms.Platform.Teacher);
        Assert.True(outcome.SessionId is not null, $"{outcome.Status} {outcome.ErrorCode}");
    }

    private static string? ErrorCode(string body) => Regex.Match(body, "id=\"error-code\">([^<]+)<") is { Success: true } m ? m.Groups[1].Value : null;
}
