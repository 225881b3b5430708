using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.PlatformSimulator.Security;

/// <summary>
/// Fetches and caches the tool's JWKS. A token whose kid is not in the cached set triggers one refetch, which is how a platform
/// follows a tool's key rotation without a restart (Security Framework §6.3).
/// </summary>
internal sealed class ToolKeyResolver
{
    // One shared client for every simulator in the process: a client per platform would leak sockets across test runs.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly ConcurrentDictionary<Uri, JsonWebKeySet> _cache = new();

    public async Task<KeyLookup> FindAsync(Uri jwksUrl, string? kid, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(jwksUrl, out var cached) && (kid is null || cached.Keys.Any(key => key.Kid == kid)))
        {
            return new KeyLookup(cached.GetSigningKeys(), null);
        }

        try
        {
            using var response = await Http.GetAsync(jwksUrl, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new KeyLookup([], $"the tool JWKS at {jwksUrl} answered {(int)response.StatusCode}");
            }

            var set = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken));
            _cache[jwksUrl] = set;
            return new KeyLookup(set.GetSigningKeys(), null);
        }
        catch (Exception error) when (error is HttpRequestException or ArgumentException or TaskCanceledException)
        {
            return new KeyLookup([], $"the tool JWKS at {jwksUrl} could not be read ({error.Message})");
        }
    }
}

internal sealed record KeyLookup(IList<SecurityKey> Keys, string? Error);
