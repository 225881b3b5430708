using System.Web;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Tests.Services;

public sealed class ServiceTokenClientTests
{
    private static readonly PlatformRegistration Platform = new("https://lms.example.edu", "client-1",
        new Uri("https://lms.example.edu/auth"), new Uri("https://lms.example.edu/token"), new Uri("https://lms.example.edu/jwks"), ["1"]);

    [Fact]
    public async Task SendsAPrivateKeyJwtAssertionSignedByTheToolKey()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var ring = Defaults.KeyRing(clock);
        var http = new FakePlatformHttp(_ => Task.FromResult(FakePlatformHttp.Json("{\"access_token\":\"t1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"s1\"}")));
        var client = new ServiceTokenClient(http, ring, clock, NullLogger<ServiceTokenClient>.Instance);

        var token = await client.GetTokenAsync(Platform, ["s1"], default);

        Assert.Equal("t1", token.Value);
        var form = HttpUtility.ParseQueryString(Assert.Single(http.Calls).Body!);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal("s1", form["scope"]);
        var jwks = new JsonWebKeySet(await ring.GetJwksJsonAsync(default));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = "client-1",
            ValidAudience = "https://lms.example.edu/token",
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("client-1", result.Claims["sub"]);
        Assert.False(string.IsNullOrEmpty(result.Claims["jti"] as string));
    }

    [Fact]
    public async Task ReusesATokenUntilShortlyBeforeItExpires()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var issued = 0;
        var http = new FakePlatformHttp(_ => Task.FromResult(FakePlatformHttp.Json($"{{\"access_token\":\"t{Interlocked.Increment(ref issued)}\",\"expires_in\":3600}}")));
        var client = new ServiceTokenClient(http, Defaults.KeyRing(clock), clock, NullLogger<ServiceTokenClient>.Instance);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetTokenAsync(Platform, ["b", "a"], default)));
        Assert.All(tokens, t => Assert.Equal("t1", t.Value));
        Assert.Equal("t1", (await client.GetTokenAsync(Platform, ["a", "b"], default)).Value);

        clock.Advance(TimeSpan.FromSeconds(3600 - 59));
        Assert.Equal("t2", (await client.GetTokenAsync(Platform, ["a", "b"], default)).Value);
        Assert.Equal(2, http.Calls.Count);
    }

    [Fact]
    public async Task ARefusalCarriesTheStatusAndTheToolsOwnWordsOnly()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var http = new FakePlatformHttp(_ => Task.FromResult(FakePlatformHttp.Json("{\"error\":\"invalid_client\"}", System.Net.HttpStatusCode.Unauthorized)));
        var client = new ServiceTokenClient(http, Defaults.KeyRing(clock), clock, NullLogger<ServiceTokenClient>.Instance);

        var error = await Assert.ThrowsAsync<ServiceTokenException>(() => client.GetTokenAsync(Platform, ["s"], default));

        Assert.Equal(401, error.Status);
        Assert.Equal("The platform refused a service token (401).", error.Message);
    }
}
