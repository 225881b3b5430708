using System.Net;
using System.Security.Cryptography;
using LtiPD.Lti.Tests.Support;
using LtiPD.Lti.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Tests.Validation;

public sealed class PlatformKeySetCacheTests
{
    private static readonly Uri JwksUrl = new("https://lms.example.edu/mod/lti/certs.php");

    private static string Jwks(params string[] kids) =>
        "{\"keys\":[" + string.Join(",", kids.Select(kid =>
        {
            using var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(false);
            return $"{{\"kty\":\"RSA\",\"kid\":\"{kid}\",\"alg\":\"RS256\",\"use\":\"sig\",\"e\":\"{Base64UrlEncoder.Encode(p.Exponent)}\",\"n\":\"{Base64UrlEncoder.Encode(p.Modulus)}\"}}";
        })) + "]}";

    [Fact]
    public async Task FetchesOnceAndServesKnownKidsFromTheCache()
    {
        var http = new FakePlatformHttp(_ => Task.FromResult(FakePlatformHttp.Json(Jwks("a", "b"))));
        var cache = new PlatformKeySetCache(http, new ManualClock(DateTimeOffset.UtcNow), Defaults.Options(), NullLogger<PlatformKeySetCache>.Instance);

        Assert.Equal("a", (await cache.FindKeyAsync(JwksUrl, "a", default))!.KeyId);
        Assert.Equal("b", (await cache.FindKeyAsync(JwksUrl, "b", default))!.KeyId);

        Assert.Single(http.Calls);
    }

    [Fact]
    public async Task AnUnknownKidTriggersOneRefetchPerIntervalSoARotationIsPickedUp()
    {
        var current = Jwks("old");
        var http = new FakePlatformHttp(_ => Task.FromResult(FakePlatformHttp.Json(current)));
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var cache = new PlatformKeySetCache(http, clock, Defaults.Options(o => o.JwksRefetchMinSeconds = 30), NullLogger<PlatformKeySetCache>.Instance);
        await cache.FindKeyAsync(JwksUrl, "old", default);

        current = Jwks("old", "new");
        // Within the interval a forged kid cannot make the tool hammer the LMS.
        Assert.Null(await cache.FindKeyAsync(JwksUrl, "new", default));
        Assert.Null(await cache.FindKeyAsync(JwksUrl, "forged", default));
        Assert.Single(http.Calls);

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("new", (await cache.FindKeyAsync(JwksUrl, "new", default))!.KeyId);
        Assert.Equal(2, http.Calls.Count);
    }

    [Fact]
    public async Task AnUnreachableJwksIsReportedAsUnavailable()
    {
        var http = new FakePlatformHttp(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)));
        var cache = new PlatformKeySetCache(http, new ManualClock(DateTimeOffset.UtcNow), Defaults.Options(), NullLogger<PlatformKeySetCache>.Instance);

        await Assert.ThrowsAsync<JwksUnavailableException>(() => cache.FindKeyAsync(JwksUrl, "a", default).AsTask());
    }

    [Fact]
    public async Task ADocumentThatIsNotAJwksIsReportedAsUnavailable()
    {
        var http = new FakePlatformHttp(_ => Task.FromResult(FakePlatformHttp.Json("<html>login</html>")));
        var cache = new PlatformKeySetCache(http, new ManualClock(DateTimeOffset.UtcNow), Defaults.Options(), NullLogger<PlatformKeySetCache>.Instance);

        await Assert.ThrowsAsync<JwksUnavailableException>(() => cache.FindKeyAsync(JwksUrl, "a", default).AsTask());
    }
}
