using System.Text.Json;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Nrps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Roster;

/// <summary>The active members of a context as the LMS listed them, and when that list was read.</summary>
public sealed record RosterSnapshot(IReadOnlyList<Member> Members, DateTimeOffset FetchedAt);

/// <summary>What reading a roster from the LMS did: whether the shared roster changed, or why the LMS gave none.</summary>
public sealed record RosterRead(bool Changed, string? Problem);

/// <summary>
/// NRPS memberships (NRPS 2.0 §3.6) per (platform, context memberships URL, role filter), shared by every node through
/// course_rosters and kept in memory on each. A fresh roster is served as it is; a stale one is served at once while a single
/// background refresh reads it again, so a busy course page never waits for the LMS and never sends it one request per
/// viewer. Only a key that was never read successfully makes its callers wait, and they all wait for the same call. A failed
/// read keeps the last good roster and is not repeated before <see cref="FailureRetry"/> has passed.
/// <para>
/// Every read that the LMS answered is stored in the database, and a lookup first takes a newer stored roster than the
/// node's own copy (one primary-key query, at most once per <see cref="RosterOptions.SharedCheckInterval"/> while the node has
/// a copy): a roster the rosters job, or another node's page, read is what every node serves next, and a roster is read from
/// the LMS once per interval for the whole cluster, not once per node.
/// </para>
/// </summary>
public sealed class RosterCache(
    IMemoryCache cache, NrpsClient nrps, IServiceScopeFactory scopes, IOptions<RosterOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<RosterCache> logger)
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = options.Value.RefreshInterval;
    private readonly TimeSpan _sharedCheck = options.Value.SharedCheckInterval;

    /// <summary>An LMS that just failed is asked again after this long at the earliest (or after the refresh interval, if shorter).</summary>
    public static readonly TimeSpan FailureRetry = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The roster of <paramref name="membershipsUrl"/>, narrowed to <paramref name="role"/> (a full role URI) when given; null
    /// when the LMS has not answered for this key yet. The check for a newer shared roster runs on <paramref name="db"/>, the
    /// caller's context: a page already holds its connection open, and a scope of its own would open another one on every view.
    /// </summary>
    public async Task<RosterSnapshot?> GetAsync(PlatformRegistration platform, Uri membershipsUrl, string? role, LtiPdDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(membershipsUrl);
        ArgumentNullException.ThrowIfNull(db);
        var key = new Key(platform.RegistryKey, membershipsUrl.AbsoluteUri, role);
        var entry = EntryFor(key);
        await TakeSharedAsync(entry, key, db, ct);
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
    /// Reads the roster from the LMS now, whether or not it is due (the rosters job), stores it for every node and waits for
    /// the answer; a read already running for the key is waited for instead. The last good roster stays when the LMS does not
    /// answer, and the answer says why not, for the administrator.
    /// </summary>
    public async Task<RosterRead> RefreshNowAsync(PlatformRegistration platform, Uri membershipsUrl, string? role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(membershipsUrl);
        var entry = EntryFor(new Key(platform.RegistryKey, membershipsUrl.AbsoluteUri, role));
        Task<RosterRead> refreshing;
        lock (entry)
            refreshing = entry.Refreshing ??= Task.Run(() => RefreshAsync(entry, platform, membershipsUrl, role, lifetime.ApplicationStopping), CancellationToken.None);
        return await refreshing.WaitAsync(ct);
    }

    /// <summary>
    /// The platform's registry key is part of the key: a memberships URL is only ever read with the credentials of the
    /// platform whose launch named it, so another registration naming the same URL never gets this roster.
    /// </summary>
    private sealed record Key(int Platform, string MembershipsUrl, string? Role)
    {
        public string StoredRole => Role ?? CourseRosterEntity.AllRoles;

        /// <summary>A URL longer than the column is read and served on this node only.</summary>
        public bool Shared => MembershipsUrl.Length <= CourseRosterEntity.MembershipsUrlMaxLength;

        public IQueryable<CourseRosterEntity> In(LtiPdDbContext db) =>
            db.CourseRosters.Where(r => r.PlatformId == Platform && r.MembershipsUrl == MembershipsUrl && r.Role == StoredRole);
    }

    private sealed class Entry
    {
        public RosterSnapshot? Last;
        public DateTimeOffset NextReadAt = DateTimeOffset.MinValue;
        public Task<RosterRead>? Refreshing;

        /// <summary>Until then the node's copy is served without looking for a newer stored one.</summary>
        public DateTimeOffset SharedCheckedUntil = DateTimeOffset.MinValue;
    }

    /// <summary>
    /// The stored roster of <paramref name="key"/> when it is newer than this node's copy; it is due again one interval after
    /// it was read, whichever node read it.
    /// </summary>
    private async Task TakeSharedAsync(Entry entry, Key key, LtiPdDbContext db, CancellationToken ct)
    {
        if (!key.Shared)
            return;
        DateTimeOffset? mine;
        var now = time.GetUtcNow();
        lock (entry)
        {
            if (entry.Last is not null && now < entry.SharedCheckedUntil)
                return;
            mine = entry.Last?.FetchedAt;
        }
        var stored = await StoredAfter.For(db)(db, key.Platform, key.MembershipsUrl, key.StoredRole, mine, ct);
        lock (entry)
            entry.SharedCheckedUntil = now + _sharedCheck;
        if (stored is null)
            return;
        var members = JsonSerializer.Deserialize<List<Member>>(stored.MembersJson) ?? [];
        lock (entry)
        {
            if (entry.Last is not null && entry.Last.FetchedAt >= stored.ReadAt)
                return;
            entry.Last = new RosterSnapshot(members, stored.ReadAt);
            if (stored.ReadAt + _interval > entry.NextReadAt)
                entry.NextReadAt = stored.ReadAt + _interval;
        }
    }

    private sealed record StoredRoster(string MembersJson, DateTimeOffset ReadAt);

    // Every page that lists colleagues asks (CompiledPerModel says why compiled, and why per model).
    private static readonly CompiledPerModel<Func<LtiPdDbContext, int, string, string, DateTimeOffset?, CancellationToken, Task<StoredRoster?>>> StoredAfter =
        new(() => EF.CompileAsyncQuery((LtiPdDbContext db, int platform, string url, string role, DateTimeOffset? since, CancellationToken ct) =>
            db.CourseRosters.AsNoTracking()
                .Where(r => r.PlatformId == platform && r.MembershipsUrl == url && r.Role == role && (since == null || r.ReadAt > since))
                .Select(r => new StoredRoster(r.MembersJson, r.ReadAt)).FirstOrDefault()));

    /// <summary>
    /// Stores a roster the LMS gave, unless a newer one is there already; answers whether the members differ from the stored
    /// ones. Only what pages show is kept (user id, names, roles), in user id order so that equal rosters are equal text.
    /// </summary>
    private async Task<bool> ShareAsync(Key key, IReadOnlyList<Member> members, DateTimeOffset readAt, CancellationToken ct)
    {
        if (!key.Shared)
            return false;
        var json = JsonSerializer.Serialize(members
            .Select(m => new Member { UserId = m.UserId, Roles = m.Roles, Name = m.Name, GivenName = m.GivenName, FamilyName = m.FamilyName })
            .OrderBy(m => m.UserId, StringComparer.Ordinal));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        if (await key.In(db).Where(r => r.ReadAt < readAt && r.MembersJson != json)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.MembersJson, json).SetProperty(r => r.ReadAt, readAt), ct) > 0)
            return true;
        if (await key.In(db).Where(r => r.ReadAt < readAt).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReadAt, readAt), ct) > 0
            || await key.In(db).AnyAsync(ct))
            return false;
        db.CourseRosters.Add(new CourseRosterEntity
        {
            PlatformId = key.Platform, MembershipsUrl = key.MembershipsUrl, Role = key.StoredRole, MembersJson = json, ReadAt = readAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return false; // another node stored the same read a moment ago
        }
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

    /// <summary>Reads the roster into <paramref name="entry"/> and the database; answers whether it changed, or why the LMS gave none.</summary>
    private async Task<RosterRead> RefreshAsync(Entry entry, PlatformRegistration platform, Uri membershipsUrl, string? role, CancellationToken ct)
    {
        RosterSnapshot? read = null;
        string? problem = null;
        var changed = false;
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
                // To the millisecond: both databases keep that exactly, so a node compares its copy with the stored one.
                var now = time.GetUtcNow();
                read = new RosterSnapshot(members, now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)));
                changed = await ShareAsync(new Key(platform.RegistryKey, membershipsUrl.AbsoluteUri, role), members, read.FetchedAt, ct);
            }
            else
            {
                problem = $"the LMS did not give the roster ({result.Outcome.Kind}{(result.Outcome.Failure == ServiceFailure.None ? "" : $", {result.Outcome.Failure}")})";
                logger.LogWarning("NRPS memberships {Url} of platform {Platform} unavailable ({Outcome}); keeping the last roster read",
                    membershipsUrl, platform.RegistryKey, result.Outcome);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A roster that was read but could not be stored is still served here; the job reports it as a problem.
            problem = read is null ? $"reading the roster failed ({e.GetType().Name})" : $"storing the roster failed ({e.GetType().Name})";
            logger.LogWarning(e, "Reading NRPS memberships {Url} of platform {Platform} failed; keeping the last roster read", membershipsUrl, platform.RegistryKey);
        }
        finally
        {
            lock (entry)
            {
                var now = time.GetUtcNow();
                if (read is not null && (entry.Last is null || entry.Last.FetchedAt < read.FetchedAt))
                    entry.Last = read;
                entry.NextReadAt = now + (read is not null ? _interval : (_interval < FailureRetry ? _interval : FailureRetry));
                entry.Refreshing = null;
            }
        }
        return new RosterRead(changed, problem);
    }
}
