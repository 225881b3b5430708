namespace LtiPD.PlatformSimulator;

/// <summary>How <see cref="SimulatedPlatform.SignIdToken"/> signs a draft: correctly, or in one of the ways a tool must reject.</summary>
public enum DraftSigning
{
    /// <summary>RS256 with the platform's current key; the header is written as the draft holds it.</summary>
    Rs256,

    /// <summary>Unsecured JWT: <c>alg</c> "none" and an empty signature (RFC 7519 §6).</summary>
    None,

    /// <summary>Algorithm confusion: HS256 keyed with the platform public key (its SubjectPublicKeyInfo PEM text, as published keys are often passed around).</summary>
    Hs256WithPublicKey,

    /// <summary>RS256 by a key that is not in the platform JWKS; its own kid is in the header.</summary>
    UnknownKey,

    /// <summary>A valid RS256 token whose payload is then altered (roles raised to Administrator) without re-signing.</summary>
    TamperedSignature,
}

/// <summary>An id_token before signing. Mutable on purpose: tests change or remove claims to build broken launches.</summary>
public sealed class IdTokenDraft
{
    /// <summary>JOSE header: alg, kid, typ.</summary>
    public Dictionary<string, object?> Header { get; } = new(StringComparer.Ordinal);

    /// <summary>All claims; values may be strings, numbers, string arrays, nested <c>Dictionary&lt;string, object?&gt;</c> and so on.</summary>
    public Dictionary<string, object?> Claims { get; } = new(StringComparer.Ordinal);

    public DraftSigning Signing { get; set; } = DraftSigning.Rs256;
}
