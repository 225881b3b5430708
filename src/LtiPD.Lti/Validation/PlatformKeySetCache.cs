using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Validation;

/// <summary>
/// Platform public keys fetched from each platform's JWKS URL (Security Framework 1.0 §6.3), cached, and
/// refetched once when a token names a kid we have not seen (key rotation), at most once per interval.
/// Keys are turned into <see cref="RsaSecurityKey"/> once so signature providers are cached and reused.
/// </summary>
public sealed class PlatformKeySetCache(
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<LtiOptions> options,
    ILogger<PlatformKeySetCache> logger)
{
    public const string HttpClientName = "lti-platform";

    private readonly ConcurrentDictionary<Uri, KeySetEntry> _entries = new();

    /// <summary>The key with <paramref name="kid"/>, or null when the platform does not publish it.</summary>
    /// <exception cref="JwksUnavailableException">The JWKS could not be fetched or read.</exception>
    public async ValueTask<SecurityKey?> FindKeyAsync(Uri jwksUrl, string kid, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd(jwksUrl, _ => new KeySetEntry());
        var now = time.GetUtcNow();
        var snapshot = entry.Snapshot;
        var fresh = snapshot is not null && now - snapshot.FetchedAt < TimeSpan.FromMinutes(options.Value.JwksCacheMinutes);
        if (fresh && snapshot!.Keys.TryGetValue(kid, out var cached))
            return cached;

        await entry.Gate.WaitAsync(ct);
        try
        {
            snapshot = entry.Snapshot;
            if (snapshot is not null && snapshot.Keys.TryGetValue(kid, out cached)
                && now - snapshot.FetchedAt < TimeSpan.FromMinutes(options.Value.JwksCacheMinutes))
                return cached;

            var mayRefetch = snapshot is null
                || now - snapshot.FetchedAt >= TimeSpan.FromSeconds(options.Value.JwksRefetchMinSeconds);
            if (!mayRefetch)
                return null;

            snapshot = await FetchAsync(jwksUrl, ct);
            entry.Snapshot = snapshot;
            return snapshot.Keys.GetValueOrDefault(kid);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task<KeySetSnapshot> FetchAsync(Uri jwksUrl, CancellationToken ct)
    {
        string json;
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            json = await client.GetStringAsync(jwksUrl, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(e, "Fetching platform JWKS {JwksUrl} failed", jwksUrl);
            throw new JwksUnavailableException($"The platform's key set at {jwksUrl} could not be fetched.", e);
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException e)
        {
            throw new JwksUnavailableException($"The platform's key set at {jwksUrl} is not a JWKS document.", e);
        }

        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var jwk in set.Keys)
        {
            if (jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA || string.IsNullOrEmpty(jwk.Kid) || jwk.Use is "enc")
                continue;
            if (string.IsNullOrEmpty(jwk.N) || string.IsNullOrEmpty(jwk.E))
                continue;
            var rsa = new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) };
            keys[jwk.Kid] = new RsaSecurityKey(rsa) { KeyId = jwk.Kid };
        }
        logger.LogInformation("Fetched {Count} signing keys from {JwksUrl}", keys.Count, jwksUrl);
        return new KeySetSnapshot(keys, time.GetUtcNow());
    }

    private sealed class KeySetEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile KeySetSnapshot? Snapshot;
    }

    private sealed record KeySetSnapshot(IReadOnlyDictionary<string, SecurityKey> Keys, DateTimeOffset FetchedAt);
}

public sealed class JwksUnavailableException(string message, Exception inner) : Exception(message, inner);
