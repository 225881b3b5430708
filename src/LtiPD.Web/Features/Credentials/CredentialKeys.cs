using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiPD.Data.Stores;
using LtiPD.Lti;
using LtiPD.Lti.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Base64Url = System.Buffers.Text.Base64Url;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// The tool's credential signing keys: RSA 2048, RS256, a ring of their own beside the LTI tool keys (the same rotation
/// code, another table and Data Protection purpose). Every key ever used stays published at /credentials/issuer/keys, so a
/// credential signed before a rotation still verifies; the JWS kid is that URL, "#", and the key id, so a verifier
/// resolves the key from the credential alone (OB 3.0 §8.2.3; RFC 7515 §4.1.4).
/// </summary>
public sealed class CredentialKeys
{
    /// <summary>Retired keys stay published for a century: in practice, for as long as the credentials they signed.</summary>
    private const int PublishedForDays = 36_500;

    private readonly ToolKeyRing _ring;

    public CredentialKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time, ILoggerFactory loggers) =>
        _ring = new ToolKeyRing(new CredentialKeyStore(scopes, protection), time,
            Options.Create(new LtiOptions { KeyOverlapDays = PublishedForDays }), loggers.CreateLogger<ToolKeyRing>());

    public Task EnsureKeyAsync(CancellationToken ct) => _ring.EnsureKeyAsync(ct);

    public Task<string> RotateAsync(CancellationToken ct) => _ring.RotateAsync(ct);

    public ValueTask<string> GetJwksJsonAsync(CancellationToken ct) => _ring.GetJwksJsonAsync(ct);

    /// <summary>
    /// A compact JWS over <paramref name="payload"/> with the JOSE header of a VC-JWT (VC-JOSE-COSE §3.1.1): alg RS256,
    /// typ "vc+jwt" (the media type of a JWT-secured credential), cty "vc", and the resolvable kid.
    /// </summary>
    public async Task<string> SignAsync(JsonObject payload, Uri keysUrl, CancellationToken ct)
    {
        var credentials = await _ring.GetSigningCredentialsAsync(ct);
        var key = (RsaSecurityKey)credentials.Key;
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = $"{keysUrl.AbsoluteUri}#{key.KeyId}" };
        var input = $"{Encode(header)}.{Encode(payload)}";
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The RSA public key with this id in a JWKS document (RFC 7517 §5), or null when there is none or it is malformed.</summary>
    public static RSA? FindKey(string jwksJson, string keyId)
    {
        try
        {
            if (JsonNode.Parse(jwksJson)?["keys"] is not JsonArray keys)
                return null;
            foreach (var k in keys.OfType<JsonObject>())
            {
                if (k["kid"]?.GetValueKind() != JsonValueKind.String || k["kid"]!.GetValue<string>() != keyId || k["kty"]?.ToString() != "RSA")
                    continue;
                var n = k["n"]?.ToString();
                var e = k["e"]?.ToString();
                if (n is null || e is null || !Base64Url.IsValid(n) || !Base64Url.IsValid(e))
                    return null;
                var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) });
                return rsa;
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or CryptographicException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
