using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LtiPD.PlatformSimulator.Protocol;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.PlatformSimulator.Security;

/// <summary>
/// Writes compact JWS by hand rather than through JsonWebTokenHandler.CreateToken, because the simulator must also produce
/// tokens no library would: unsigned, HMAC-confused, signed by a stranger, or tampered after signing.
/// </summary>
internal static class JwtWriter
{
    public static string Write(IdTokenDraft draft, PlatformKeyRing keys)
    {
        var header = new Dictionary<string, object?>(draft.Header, StringComparer.Ordinal);
        var claims = draft.Claims;
        switch (draft.Signing)
        {
            case DraftSigning.Rs256:
                return SignRs256(header, claims, keys.Current);
            case DraftSigning.None:
                header["alg"] = "none";
                return $"{Encode(header)}.{Encode(claims)}.";
            case DraftSigning.Hs256WithPublicKey:
                header["alg"] = SecurityAlgorithms.HmacSha256;
                var input = $"{Encode(header)}.{Encode(claims)}";
                var mac = HMACSHA256.HashData(keys.CurrentPublicKeyPemBytes(), Encoding.ASCII.GetBytes(input));
                return $"{input}.{Base64UrlEncoder.Encode(mac)}";
            case DraftSigning.UnknownKey:
                header["alg"] = SecurityAlgorithms.RsaSha256;
                header["kid"] = keys.Stranger.KeyId;
                return SignRs256(header, claims, keys.Stranger);
            case DraftSigning.TamperedSignature:
                var signed = SignRs256(header, claims, keys.Current);
                var parts = signed.Split('.');
                var altered = new Dictionary<string, object?>(claims, StringComparer.Ordinal)
                {
                    [LtiClaims.Roles] = new[] { LtiRoles.InstitutionAdministrator, LtiRoles.Instructor },
                };
                return $"{parts[0]}.{Encode(altered)}.{parts[2]}";
            default:
                throw new ArgumentOutOfRangeException(nameof(draft), draft.Signing, "Unknown signing mode.");
        }
    }

    private static string SignRs256(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> claims, RsaSecurityKey key)
    {
        var input = $"{Encode(header)}.{Encode(claims)}";
        var factory = key.CryptoProviderFactory;
        var provider = factory.CreateForSigning(key, SecurityAlgorithms.RsaSha256);
        try
        {
            return $"{input}.{Base64UrlEncoder.Encode(provider.Sign(Encoding.ASCII.GetBytes(input)))}";
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
        }
    }

    private static string Encode(IReadOnlyDictionary<string, object?> part) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(part, SimJson.Relaxed));
}
