using System.Collections.Concurrent;
using LtiPD.Data.Stores;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// The sessions this node created (or confirmed, after platform storage) in the last few seconds, so that the page a launch
/// lands on (the next request of the same browser, a few milliseconds later) does not read back the row the launch has just
/// written. An active session never changes: it ends when it expires, which a hit checks, or when its platform is removed,
/// which deletes it. A removal made on this node forgets every entry at once; one made elsewhere is seen within
/// <see cref="Trust"/>, the bound <see cref="PlatformRegistrationCache"/> already sets for a removed registration's logins and
/// launches.
/// </summary>
public sealed class RecentSessions(TimeProvider time)
{
    public static TimeSpan Trust => PlatformRegistrationCache.Lifetime;

    /// <summary>More than any node creates in <see cref="Trust"/>; past it, new sessions are simply not kept.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Kept beside the dictionary: its Count takes every one of its locks, on every launch.
    private int _count;
    private long _sweptAt;

    private sealed record Entry(LaunchSession Session, DateTimeOffset TrustedUntil);

    public void Remember(LaunchSession session)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        if (Volatile.Read(ref _count) < Capacity && _entries.TryAdd(session.Id, new Entry(session, now + Trust)))
            Interlocked.Increment(ref _count);
    }

    /// <summary>The session when this node created or confirmed it within <see cref="Trust"/> and it has not expired; null means "ask the database".</summary>
    public LaunchSession? Find(string id)
    {
        if (!_entries.TryGetValue(id, out var entry))
            return null;
        var now = time.GetUtcNow();
        if (entry.TrustedUntil > now && entry.Session.ExpiresAt > now)
            return entry.Session;
        Forget(id);
        return null;
    }

    /// <summary>After a platform was removed on this node: its sessions are gone from the database, so none is served from here.</summary>
    public void ForgetAll()
    {
        foreach (var id in _entries.Keys)
            Forget(id);
    }

    private void Forget(string id)
    {
        if (_entries.TryRemove(id, out _))
            Interlocked.Decrement(ref _count);
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _sweptAt);
        if (now.UtcTicks - last < Trust.Ticks || Interlocked.CompareExchange(ref _sweptAt, now.UtcTicks, last) != last)
            return;
        foreach (var (id, entry) in _entries)
            if (entry.TrustedUntil <= now)
                Forget(id);
    }
}
