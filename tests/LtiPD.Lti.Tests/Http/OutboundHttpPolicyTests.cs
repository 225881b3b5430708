using System.Net;
using LtiPD.Lti.Http;
using LtiPD.Lti.Registration;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Services.Nrps;
using LtiPD.Lti.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LtiPD.Lti.Tests.Http;

/// <summary>
/// The outbound policy as a platform-facing client meets it: every named client of <see cref="LtiServiceCollectionExtensions.AddLtiProtocol"/>
/// against a real server on 127.0.0.1, in Production (the default outside Development) and in Development.
/// </summary>
public sealed class OutboundHttpPolicyTests : IAsyncLifetime
{
    public static readonly TheoryData<string> Clients =
    [
        PlatformKeySetCache.HttpClientName, ServiceTokenClient.HttpClientName, DynamicRegistrationClient.HttpClientName,
        AgsClient.HttpClientName, NrpsClient.HttpClientName,
    ];

    private static readonly (string, string) LoopbackHttp = ("Outbound:AllowLoopbackHttp", "true");
    private static readonly (string, string) AllowLoopbackAddress = ("Outbound:PrivateAddressAllowList:0", "127.0.0.1");

    private OutboundServer _server = null!;

    public async Task InitializeAsync() => _server = await OutboundServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ARedirectIsAnsweredNotFollowed(string clientName)
    {
        await using var tool = OutboundServer.Tool("Production", LoopbackHttp, AllowLoopbackAddress);
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);

        using var response = await client.GetAsync(_server.Url("redirect"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/target", _server.Requests);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task AnAnswerAnnouncingMoreThanTheCapIsRefused(string clientName)
    {
        await using var tool = OutboundServer.Tool("Production", LoopbackHttp, AllowLoopbackAddress);
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);

        var failure = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(_server.Url($"announced/{OutboundServer.Cap + 1}")));

        Assert.Equal(OutboundRefusal.TooLarge, OutboundRefusedException.Find(failure)?.Reason);
        Assert.Contains("announced", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChunkedAnswerIsCutOffWhenItPassesTheCapHoweverItIsRead()
    {
        await using var tool = OutboundServer.Tool("Production", LoopbackHttp, AllowLoopbackAddress);
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(AgsClient.HttpClientName);
        var oversized = _server.Url($"chunked/{OutboundServer.Cap * 3}");

        var buffered = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetStringAsync(oversized));
        using var streamed = await client.GetAsync(oversized, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await streamed.Content.ReadAsStreamAsync();
        var read = await Assert.ThrowsAnyAsync<HttpRequestException>(() => body.CopyToAsync(Stream.Null));

        Assert.Null(streamed.Content.Headers.ContentLength);
        Assert.Equal(OutboundRefusal.TooLarge, OutboundRefusedException.Find(buffered)?.Reason);
        Assert.Equal(OutboundRefusal.TooLarge, OutboundRefusedException.Find(read)?.Reason);
    }

    [Fact]
    public async Task AnAnswerOfExactlyTheCapIsReadWhole()
    {
        await using var tool = OutboundServer.Tool("Production", LoopbackHttp, AllowLoopbackAddress);
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(NrpsClient.HttpClientName);

        var chunked = await client.GetByteArrayAsync(_server.Url($"chunked/{OutboundServer.Cap}"));
        var announced = await client.GetByteArrayAsync(_server.Url($"announced/{OutboundServer.Cap}"));

        Assert.Equal((OutboundServer.Cap, OutboundServer.Cap), (chunked.Length, announced.Length));
    }

    [Theory]
    [InlineData("127.0.0.1", "http")]
    [InlineData("localhost", "http")]
    [InlineData("127.0.0.1", "https")]
    public async Task ALoopbackAddressIsRefusedInProductionAtConnectTime(string host, string scheme)
    {
        await using var tool = OutboundServer.Tool("Production", LoopbackHttp);
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(AgsClient.HttpClientName);

        var failure = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(_server.Url("small", host, scheme)));

        Assert.Equal(OutboundRefusal.Address, OutboundRefusedException.Find(failure)?.Reason);
        Assert.Contains("Loopback", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("localhost", "localhost")]
    public async Task AnAllowListedLoopbackHostOrAddressIsCalledInProduction(string host, string allowed)
    {
        await using var tool = OutboundServer.Tool("Production", LoopbackHttp, ("Outbound:PrivateAddressAllowList:0", allowed));
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(ServiceTokenClient.HttpClientName);

        var answer = await client.GetStringAsync(_server.Url("small", host));

        Assert.Equal("small answer", answer);
    }

    [Fact]
    public async Task InDevelopmentLoopbackHttpIsAllowedWithoutAnySetting()
    {
        await using var tool = OutboundServer.Tool("Development");
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(PlatformKeySetCache.HttpClientName);

        Assert.Equal("small answer", await client.GetStringAsync(_server.Url("small", "localhost")));
    }

    [Fact]
    public async Task PlainHttpIsRefusedWhenAllowLoopbackHttpIsOffEvenInDevelopment()
    {
        await using var tool = OutboundServer.Tool("Development", ("Outbound:AllowLoopbackHttp", "false"));
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(DynamicRegistrationClient.HttpClientName);

        var failure = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(_server.Url("small")));

        Assert.Equal(OutboundRefusal.Scheme, OutboundRefusedException.Find(failure)?.Reason);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("http://10.1.2.3/lineitems")]
    [InlineData("http://203.0.113.7/lineitems")]
    [InlineData("http://[2001:db8::1]/lineitems")]
    [InlineData("ftp://lms.example/lineitems")]
    [InlineData("file:///etc/passwd")]
    public async Task PlainHttpToANonLoopbackAddressAndOtherSchemesAreRefusedBeforeAnyConnection(string url)
    {
        await using var tool = OutboundServer.Tool("Development", LoopbackHttp, ("Outbound:PrivateAddressAllowList:0", "10.0.0.0/8"));
        using var client = tool.GetRequiredService<IHttpClientFactory>().CreateClient(AgsClient.HttpClientName);

        var failure = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri(url)));

        Assert.Equal(OutboundRefusal.Scheme, OutboundRefusedException.Find(failure)?.Reason);
    }

    [Fact]
    public void PlainHttpToANameThatResolvesBeyondLoopbackIsRefusedAtConnectTime()
    {
        var policy = Policy("Development", new OutboundHttpOptions { AllowLoopbackHttp = true });

        var refused = Assert.Throws<OutboundRefusedException>(() => policy.Check("lms.example", IPAddress.Parse("93.184.216.34"), plainHttp: true));

        Assert.Equal(OutboundRefusal.Scheme, refused.Reason);
        policy.Check("lms.example", IPAddress.Parse("93.184.216.34"), plainHttp: false);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "lms.example", "10.20.30.40")]
    [InlineData("10.0.0.0/8", "lms.example", "::ffff:10.20.30.40")]
    [InlineData("fd00::/8", "lms.example", "fd12::1")]
    [InlineData("lms.campus.example", "LMS.campus.example", "192.168.1.5")]
    [InlineData("192.168.1.5", "lms.example", "192.168.1.5")]
    public void AnAllowListEntryAdmitsItsHostOrAddresses(string entry, string host, string address)
    {
        var policy = Policy("Production", new OutboundHttpOptions { PrivateAddressAllowList = [entry] });

        policy.Check(host, IPAddress.Parse(address), plainHttp: false);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "lms.example", "192.168.1.5")]
    [InlineData("lms.campus.example", "other.campus.example", "192.168.1.5")]
    [InlineData("192.168.1.5", "lms.example", "192.168.1.6")]
    [InlineData("10.0.0.0/8", "metadata", "169.254.169.254")]
    [InlineData("10.0.0.0/8", "lms.example", "::ffff:127.0.0.1")]
    public void AnAddressOutsideTheAllowListIsRefusedInProduction(string entry, string host, string address)
    {
        var policy = Policy("Production", new OutboundHttpOptions { PrivateAddressAllowList = [entry] });

        var refused = Assert.Throws<OutboundRefusedException>(() => policy.Check(host, IPAddress.Parse(address), plainHttp: false));

        Assert.Equal(OutboundRefusal.Address, refused.Reason);
        Assert.Contains("Outbound:PrivateAddressAllowList", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("not a host")]
    [InlineData("10")]
    [InlineData("")]
    public void AMisconfiguredAllowListStopsTheStartNamingTheSetting(string entry)
    {
        using var tool = OutboundServer.Tool("Production", ("Outbound:PrivateAddressAllowList:0", "192.168.0.0/16"), ("Outbound:PrivateAddressAllowList:1", entry));

        var failure = Assert.Throws<OptionsValidationException>(() => tool.GetRequiredService<IOptions<OutboundHttpOptions>>().Value);

        Assert.Contains("Outbound:PrivateAddressAllowList:1", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PrivateAddressAllowList:0", failure.Message, StringComparison.Ordinal);
    }

    private static OutboundHttpPolicy Policy(string environment, OutboundHttpOptions options) =>
        new(Options.Create(options), new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
}
