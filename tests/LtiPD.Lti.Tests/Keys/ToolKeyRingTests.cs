using System.Text.Json;
using LtiPD.Lti.Tests.Support;

namespace LtiPD.Lti.Tests.Keys;

public sealed class ToolKeyRingTests
{
    private static List<string> Kids(string jwks) =>
        JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();

    [Fact]
    public async Task AFreshRingCreatesOneKeyAndPublishesIt()
    {
        var ring = Defaults.KeyRing(new ManualClock(DateTimeOffset.Parse("2026-11-23T10:00:00Z")));

        await ring.EnsureKeyAsync(CancellationToken.None);

        var signing = await ring.GetSigningCredentialsAsync(CancellationToken.None);
        Assert.Equal([signing.Key.KeyId], Kids(await ring.GetJwksJsonAsync(CancellationToken.None)));
        Assert.Equal("RS256", signing.Algorithm);
    }

    [Fact]
    public async Task ARotatedOutKeyStaysPublishedForTheOverlapThenDisappears()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-23T10:00:00Z"));
        var ring = Defaults.KeyRing(clock, change: o => o.KeyOverlapDays = 7);
        await ring.EnsureKeyAsync(CancellationToken.None);
        var old = (await ring.GetSigningCredentialsAsync(CancellationToken.None)).Key.KeyId;

        var fresh = await ring.RotateAsync(CancellationToken.None);

        Assert.Equal(fresh, (await ring.GetSigningCredentialsAsync(CancellationToken.None)).Key.KeyId);
        Assert.Equal([fresh, old], Kids(await ring.GetJwksJsonAsync(CancellationToken.None)));

        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(2));
        Assert.Equal([fresh], Kids(await ring.GetJwksJsonAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task TheJwksNeverContainsPrivateKeyParts()
    {
        var ring = Defaults.KeyRing(new ManualClock(DateTimeOffset.UtcNow));
        await ring.EnsureKeyAsync(CancellationToken.None);

        var key = JsonDocument.Parse(await ring.GetJwksJsonAsync(CancellationToken.None)).RootElement.GetProperty("keys")[0];

        Assert.Equal(["kty", "kid", "use", "alg", "e", "n"], key.EnumerateObject().Select(p => p.Name));
    }
}
