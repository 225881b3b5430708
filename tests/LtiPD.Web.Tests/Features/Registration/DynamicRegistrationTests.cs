using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Features.Registration;

/// <summary>An LMS administrator registers the tool by pasting the one-time registration link an LtiPD administrator gave them (Dynamic Registration 1.0).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DynamicRegistrationTests(BrowserFixture browser) : IAsyncLifetime
{
    private ToolFactory _tool = null!;
    private PlatformSimulatorHost _lms = null!;

    public async Task InitializeAsync()
    {
        _tool = new ToolFactory(TempFiles.NewDatabaseFile());
        _lms = await PlatformSimulatorHost.StartAsync(new SimulatorOptions { ClientId = "before-registration" });
    }

    public async Task DisposeAsync()
    {
        await _lms.DisposeAsync();
        await _tool.DisposeAsync();
    }

    [SkippableFact]
    public async Task TheLmsRegistersTheToolAndATeacherThenLaunchesIt()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        await using var context = await browser.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();

        var link = await CreateLinkAsync();
        await page.GotoAsync(_lms.Platform.RegisterToolPageUrl(new Uri(_tool.BaseUrl, "lti/register/" + link)).AbsoluteUri);

        await page.Locator("#registration-status").GetByText("Registration finished").WaitForAsync(new() { Timeout = 45_000 });
        var registered = Assert.Single(_lms.Platform.Registrations);
        Assert.Equal(registered.ClientId, _lms.Platform.ClientId);
        var platforms = await _tool.WithDbAsync(db => Task.FromResult(db.Platforms.Select(p => new { p.Issuer, p.ClientId, p.JwksUrl }).ToList()));
        var platform = Assert.Single(platforms);
        Assert.Equal((_lms.Platform.Issuer, registered.ClientId, _lms.Platform.JwksUrl.AbsoluteUri), (platform.Issuer, platform.ClientId, platform.JwksUrl));

        await page.GotoAsync(_lms.Platform.LaunchPageUrl("teacher").AbsoluteUri);
        await page.Locator("#page-title[data-role='teacher']").WaitForAsync(new() { Timeout = 45_000 });
    }

    [Theory]
    [InlineData("")]
    [InlineData("?openid_configuration=not-a-url")]
    [InlineData("?openid_configuration=http%3A%2F%2Flms.example.edu%2F.well-known%2Fopenid-configuration")]
    public async Task AnOpeningWithoutAUsableConfigurationAddressIsRefused(string query)
    {
        using var client = _tool.CreateRawClient();

        using var response = await client.GetAsync("lti/register/" + await CreateLinkAsync() + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-code\">registration_parameter_missing<", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _tool.WithDbAsync(db => Task.FromResult(db.Platforms.Count())));
    }

    [Fact]
    public async Task AConfigurationWhoseIssuerDoesNotOwnItsAddressIsRefused()
    {
        using var client = _tool.CreateRawClient();
        // The simulator's configuration names the simulator's issuer; served under another path it is not its own.
        var elsewhere = Uri.EscapeDataString(new Uri(_tool.BaseUrl, "lti/config").AbsoluteUri);

        using var response = await client.GetAsync($"lti/register/{await CreateLinkAsync()}?openid_configuration=" + elsewhere);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-code\">registration_configuration_invalid<", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<string> CreateLinkAsync() => RegistrationSteps.CreateLinkAsync(_tool);
}
