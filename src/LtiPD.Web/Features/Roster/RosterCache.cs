using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Nrps;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Roster;

/// <summary>The active members of a context as the LMS listed them, and when that list was read.</summary>
public sealed record RosterSnapshot(IReadOnlyList<Member> Members, DateTimeOffset FetchedAt);

/// <summary>
/// NRPS memberships (NRPS 2.0 §3.6) kept in memory per (platform, context memberships URL, role filter). A fresh roster is
/// served as it is; a stale one is served at once while a single background refresh reads it again, so a busy course page
/// never waits for the LMS and never sends it one request per viewer. Only a key that was never read successfully makes
/// its callers wait, and they all wait for the same call. A failed read keeps the last good roster and is not repeated
/// before <see cref="FailureRetry"/> has passed.
/// </summary>
public sealed class RosterCache(
    IMemoryCache cache, NrpsClient nrps, IOptions<RosterOptions> options, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<RosterCache> logger)
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = options.Value.RefreshInterval;

    /// <summary>An LMS that just failed is asked again after this long at the earliest (or after the refresh interval, if shorter).</summary>
    public static readonly TimeSpan FailureRetry = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The roster of <paramref name="membershipsUrl"/>, narrowed to <paramref name="role"/> (a full role URI) when given; null
    /// when the LMS has not answered for this key yet.
    /// </summary>
    public async Task<RosterSnapshot?> GetAsync(PlatformRegistration platform, Uri membershipsUrl, string? role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(membershipsUrl);
        var entry = EntryFor(new Key(platform.RegistryKey, membershipsUrl.AbsoluteUri, role));
        RosterSnapshot? last;
        Task? refreshing;
        lock (entry)
        {
            last = entry.Last;
            refreshing = StartRefreshIfDue(entry, platform, membershipsUrl, role);
        }
        if (last is not null)
            return last;
        if (refreshing is not null)
            await refreshing.WaitAsync(ct);
        lock (entry)
            return entry.Last;
    }

    /// <summary>
    /// Reads the roster from the LMS now, whether or not it is due (the rosters job), and waits for the answer; a read
    /// already running for the key is waited for instead. Answers null when the LMS answered, otherwise why not, for the
    /// administrator. The last good roster stays when the LMS does not answer.
    /// </summary>
    public async Task<string?> RefreshNowAsync(PlatformRegistration platform, Uri membershipsUrl, string? role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(membershipsUrl);
        var entry = EntryFor(new Key(platform.RegistryKey, membershipsUrl.AbsoluteUri, role));
        Task<string?> refreshing;
        lock (entry)
            refreshing = entry.Refreshing ??= Task.Run(() => RefreshAsync(entry, platform, membershipsUrl, role, lifetime.ApplicationStopping), CancellationToken.None);
        return await refreshing.WaitAsync(ct);
    }

    /// <summary>
    /// The platform's registry key is part of the key: a memberships URL is only ever read with the credentials of the
    /// platform whose launch named it, so another registration naming the same URL never gets this roster.
    /// </summary>
    private sealed record Key(int Platform, string MembershipsUrl, string? Role);

    private sealed class Entry
    {
        public RosterSnapshot? Last;
        public DateTimeOffset NextReadAt = DateTimeOffset.MinValue;
        public Task<string?>? Refreshing;
    }

    private Entry EntryFor(Key key)
    {
        // IMemoryCache.GetOrCreate is not atomic: two first callers could each create an entry and each read the LMS.
        lock (_gate)
        {
            if (cache.TryGetValue(key, out Entry? entry) && entry is not null)
                return entry;
            entry = new Entry();
            // A course nobody looks at for a while leaves memory; its next viewer reads it again.
            var idle = TimeSpan.FromTicks(Math.Max(TimeSpan.FromHours(1).Ticks, 2 * _interval.Ticks));
            cache.Set(key, entry, new MemoryCacheEntryOptions { SlidingExpiration = idle });
            return entry;
        }
    }

    /// <summary>Called under the entry's lock: the running refresh, a newly started one when the entry is due, or null.</summary>
    private Task? StartRefreshIfDue(Entry entry, PlatformRegistration platform, Uri membershipsUrl, string? role)
    {
        if (entry.Refreshing is not null || time.GetUtcNow() < entry.NextReadAt)
            return entry.Refreshing;
        // Not tied to the request that noticed: the refresh outlives it, and is stopped only with the application.
        entry.Refreshing = Task.Run(() => RefreshAsync(entry, platform, membershipsUrl, role, lifetime.ApplicationStopping));
        return entry.Refreshing;
    }

    /// <summary>Reads the roster into <paramref name="entry"/>; answers null when the LMS answered, otherwise why not.</summary>
    private async Task<string?> RefreshAsync(Entry entry, PlatformRegistration platform, Uri membershipsUrl, string? role, CancellationToken ct)
    {
        RosterSnapshot? read = null;
        string? problem = null;
        try
        {
            var filter = new MembershipFilter(Role: role);
            var result = await nrps.ListMembersAsync(platform, membershipsUrl, filter, ct);
            // A 401 dropped the cached service token; one more call with a fresh token tells a stale token from a refusal.
            if (result.Outcome.Kind == ServiceOutcomeKind.TokenRejected)
                result = await nrps.ListMembersAsync(platform, membershipsUrl, filter, ct);
            if (result.IsSuccess)
            {
                // The filter is applied here as well: NRPS §3.6.1 lets a platform ignore it. Inactive members cannot take part.
                var members = result.Value!.Members.Where(m => m.IsActive && (role is null || m.HasRole(role))).ToList();
                read = new RosterSnapshot(members, time.GetUtcNow());
            }
            else
            {
                problem = $"the LMS did not give the roster ({result.Outcome.Kind})";
                logger.LogWarning("NRPS memberships {Url} of platform {Platform} unavailable ({Outcome}); keeping the last roster read",
                    membershipsUrl, platform.RegistryKey, result.Outcome);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            problem = $"reading the roster failed ({e.GetType().Name})";
            logger.LogWarning(e, "Reading NRPS memberships {Url} of platform {Platform} failed; keeping the last roster read", membershipsUrl, platform.RegistryKey);
        }
        finally
        {
            lock (entry)
            {
                var now = time.GetUtcNow();
                if (read is not null)
                    entry.Last = read;
                entry.NextReadAt = now + (read is not null ? _interval : (_interval < FailureRetry ? _interval : FailureRetry));
                entry.Refreshing = null;
            }
        }
        return problem;
    }
}
