using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.PlatformSimulator.Security;

/// <summary>
/// The platform's RSA signing keys. Rotation keeps earlier keys published so tokens already issued still verify, which is what
/// a tool caching the JWKS must cope with (Security Framework §6.3: key rotation with kid).
/// </summary>
internal sealed class PlatformKeyRing
{
    private readonly Lock _gate = new();
    private readonly List<RsaSecurityKey> _published = [];
    private readonly Lazy<RsaSecurityKey> _stranger = new(CreateKey);
    private RsaSecurityKey _current;

    public PlatformKeyRing()
    {
        _current = CreateKey();
        _published.Add(_current);
    }

    public RsaSecurityKey Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>A key that is never published, for tokens a tool must refuse.</summary>
    public RsaSecurityKey Stranger => _stranger.Value;

    public void Rotate()
    {
        var next = CreateKey();
        lock (_gate)
        {
            _published.Add(next);
            _current = next;
        }
    }

    /// <summary>The JWKS document (RFC 7517 §5) with public parts only.</summary>
    public string JwksJson()
    {
        List<RsaSecurityKey> keys;
        lock (_gate)
        {
            keys = [.. _published];
        }

        var jwks = keys.Select(key =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(PublicOnly(key));
            return new Dictionary<string, string>
            {
                ["kty"] = jwk.Kty,
                ["alg"] = SecurityAlgorithms.RsaSha256,
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = jwk.N,
                ["e"] = jwk.E,
            };
        });
        return JsonSerializer.Serialize(new { keys = jwks });
    }

    /// <summary>The SubjectPublicKeyInfo PEM text of the current key: the "secret" an HS256 confusion attack uses.</summary>
    public byte[] CurrentPublicKeyPemBytes() =>
        System.Text.Encoding.ASCII.GetBytes(Current.Rsa.ExportSubjectPublicKeyInfoPem());

    private static RsaSecurityKey PublicOnly(RsaSecurityKey key) =>
        new(key.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId };

    private static RsaSecurityKey CreateKey() =>
        // Moodle's kids are 20 hex characters; the shape does not matter to a tool, uniqueness does.
        new(RSA.Create(2048)) { KeyId = RandomNumberGenerator.GetHexString(20, lowercase: true) };
}
