using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace LtiPD.PlatformSimulator.State;

internal sealed record AccessToken(string Value, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>Bearer tokens the token endpoint issued (Security Framework §4.1), valid for an hour as Moodle's are.</summary>
internal sealed class AccessTokenStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    public AccessToken Issue(IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        // Moodle's tokens are 32 hex characters; tools must treat them as opaque anyway.
        var token = new AccessToken(RandomNumberGenerator.GetHexString(32, lowercase: true), scopes, now + Lifetime);
        foreach (var (value, issued) in _tokens)
        {
            if (issued.ExpiresAt <= now)
            {
                _tokens.TryRemove(value, out _);
            }
        }

        _tokens[token.Value] = token;
        return token;
    }

    public AccessToken? Find(string value, DateTimeOffset now) =>
        _tokens.TryGetValue(value, out var token) && token.ExpiresAt > now ? token : null;
}

/// <summary>Values that may be used once before they expire: client assertion jti, deep-linking response nonces, registration tokens.</summary>
internal sealed class OneTimeValues
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _values = new(StringComparer.Ordinal);

    /// <summary>Remembers a value; false when it was seen before (a replay).</summary>
    public bool TryRemember(string value, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        Prune(now);
        return _values.TryAdd(value, expiresAt);
    }

    public bool IsLive(string value, DateTimeOffset now) => _values.TryGetValue(value, out var expiresAt) && expiresAt > now;

    public bool TryConsume(string value, DateTimeOffset now) =>
        _values.TryRemove(value, out var expiresAt) && expiresAt > now;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (value, expiresAt) in _values)
        {
            if (expiresAt <= now)
            {
                _values.TryRemove(value, out _);
            }
        }
    }
}
