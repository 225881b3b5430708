using System.Collections.Concurrent;
using LtiPD.Lti.Platforms;

namespace LtiPD.Data.Stores;

/// <summary>
/// The registrations of an issuer, kept for a few seconds: every login and every launch looks them up, and
/// they change only when an administrator registers or removes a platform. Changes made through this node
/// clear the entry at once; a change made on another node (or by the command line) is seen within
/// <see cref="Lifetime"/>, which bounds how long a removed registration can still be used.
/// </summary>
public sealed class PlatformRegistrationCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _byIssuer = new(StringComparer.Ordinal);

    /// <summary>One registration by its registry key, for the pages that reach the platform's services (a roster on every teacher's home).</summary>
    private readonly ConcurrentDictionary<int, Entry> _byKey = new();

    internal bool TryGet(string issuer, out IReadOnlyList<PlatformRegistration> registrations)
    {
        if (_byIssuer.TryGetValue(issuer, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            registrations = entry.Registrations;
            return true;
        }
        registrations = [];
        return false;
    }

    internal void Set(string issuer, IReadOnlyList<PlatformRegistration> registrations) =>
        _byIssuer[issuer] = new Entry(registrations, time.GetUtcNow() + Lifetime);

    internal bool TryGet(int registryKey, out PlatformRegistration? registration)
    {
        registration = _byKey.TryGetValue(registryKey, out var entry) && entry.ExpiresAt > time.GetUtcNow() ? entry.Registrations[0] : null;
        return registration is not null;
    }

    internal void Set(PlatformRegistration registration) =>
        _byKey[registration.RegistryKey] = new Entry([registration], time.GetUtcNow() + Lifetime);

    /// <summary>Forgets an issuer after its registrations changed, looked up by issuer or by key.</summary>
    public void Invalidate(string issuer)
    {
        _byIssuer.TryRemove(issuer, out _);
        foreach (var (key, entry) in _byKey)
            if (entry.Registrations[0].Issuer == issuer)
                _byKey.TryRemove(key, out _);
    }

    private sealed record Entry(IReadOnlyList<PlatformRegistration> Registrations, DateTimeOffset ExpiresAt);
}
