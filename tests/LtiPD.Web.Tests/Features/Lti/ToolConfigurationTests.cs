using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LtiPD.Lti.Keys;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Lti;

public sealed class ToolConfigurationTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Fact]
    public async Task ConfigNamesEveryUrlAnLmsAdministratorRegisters()
    {
        using var client = env.Tool.CreateRawClient();

        var config = await client.GetFromJsonAsync<Dictionary<string, string>>("lti/config");

        var baseUrl = env.Tool.BaseUrl.AbsoluteUri;
        Assert.Equal(baseUrl + "lti/login", config!["login_initiation_url"]);
        Assert.Equal(baseUrl + "lti/launch", config["launch_url"]);
        Assert.Equal(baseUrl + "lti/jwks", config["jwks_url"]);
        Assert.Equal(baseUrl + "lti/deeplink", config["deep_linking_url"]);
        Assert.Equal(baseUrl + "lti/register", config["registration_url"]);
    }

    [Fact]
    public async Task JwksPublishesAnRsaSigningKeyWithoutPrivateParts()
    {
        using var client = env.Tool.CreateRawClient();

        using var jwks = JsonDocument.Parse(await client.GetStringAsync("lti/jwks"));

        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray(), k => true);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    [Fact]
    public async Task CanvasJsonCarriesTheToolsRealUrls()
    {
        using var client = env.Tool.CreateRawClient();

        var text = await client.GetStringAsync("lti/canvas.json");

        using var json = JsonDocument.Parse(text);
        var baseUrl = env.Tool.BaseUrl.AbsoluteUri;
        Assert.Equal(baseUrl + "lti/login", json.RootElement.GetProperty("oidc_initiation_url").GetString());
        Assert.Equal(baseUrl + "lti/jwks", json.RootElement.GetProperty("public_jwk_url").GetString());
        Assert.DoesNotContain("ltipd.example.edu", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolKeysAreStoredProtectedNotAsPlainKeyMaterial()
    {
        var stored = await env.Tool.WithDbAsync(db => Task.FromResult(db.ToolKeys.Select(k => k.ProtectedPrivateKey).ToList()));

        Assert.NotEmpty(stored);
        foreach (var value in stored)
        {
            var bytes = Convert.FromBase64String(value);
            // A PKCS#8 RSA key starts with an ASN.1 SEQUENCE (0x30 0x82); a Data Protection payload starts with its magic header 09 F0 C9 F0.
            Assert.Equal(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }, bytes[..4]);
        }
    }
}

/// <summary>Key rotation runs in its own tool so it does not change keys under the other tests.</summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly LtiEnvironment _env = new();

    public Task InitializeAsync() => _env.InitializeAsync();

    public Task DisposeAsync() => _env.DisposeAsync();

    [Fact]
    public async Task RotationPublishesTheNewKeyAndKeepsThePreviousOneForTheOverlap()
    {
        using var client = _env.Tool.CreateRawClient();
        var before = Kids(await client.GetStringAsync("lti/jwks"));

        var newKid = await _env.Tool.Services.GetRequiredService<ToolKeyRing>().RotateAsync(CancellationToken.None);

        var after = Kids(await client.GetStringAsync("lti/jwks"));
        Assert.Contains(newKid, after);
        Assert.Superset(before.ToHashSet(), after.ToHashSet());
        Assert.Equal(newKid, (await _env.Tool.Services.GetRequiredService<ToolKeyRing>().GetSigningCredentialsAsync(CancellationToken.None)).Key.KeyId);
    }

    private static List<string> Kids(string jwks) =>
        JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();
}
