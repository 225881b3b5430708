namespace LtiPD.Lti.Validation;

/// <summary>
/// Single use of id_token nonces (Security Framework 1.0 §5.1.3 step 9). Implementations must be
/// shared by every node and survive restarts: a database table with a unique key on (issuer, nonce).
/// </summary>
public interface INonceStore
{
    /// <summary>Records the nonce; false when it was already used. Kept at least until <paramref name="keepUntil"/>.</summary>
    Task<bool> TryUseAsync(string issuer, string nonce, DateTimeOffset keepUntil, CancellationToken ct);
}
