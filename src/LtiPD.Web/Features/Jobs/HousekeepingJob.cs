using LtiPD.Data;
using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Jobs;

/// <summary>
/// Deletes what can no longer be used: nonces past their replay window, launch sessions past their expiry, registration
/// links that expired unused a month ago (the admin page shows them as expired until then), job runs older than <see cref="RunHistory"/>, and course rosters nobody had read for <see cref="StaleRosters"/> (personal
/// data of courses nobody opens any more; the next launch there reads the roster again). Keys are the rows' keys; a batch deletes only rows that are still expired at
/// the run's start, so doing a batch twice, or a second run, deletes nothing more.
/// </summary>
public sealed class HousekeepingJob(LtiPdDbContext db) : IBatchedJob
{
    public const string JobName = "housekeeping";

    /// <summary>An unused registration link stays listed (as expired) this long after it expired.</summary>
    public static readonly TimeSpan ExpiredLinksShown = TimeSpan.FromDays(30);

    /// <summary>Job runs are kept this long for the admin page and the dashboard's history.</summary>
    public static readonly TimeSpan RunHistory = TimeSpan.FromDays(90);

    /// <summary>A stored roster no node or job has read from the LMS for this long is deleted.</summary>
    public static readonly TimeSpan StaleRosters = TimeSpan.FromDays(30);

    private const char Separator = '\t';

    public string Name => JobName;

    public async Task<IReadOnlyList<string>> PlanAsync(JobRunContext run, CancellationToken ct)
    {
        var now = run.StartedAt;
        var keys = new List<string>();
        keys.AddRange((await db.UsedNonces.AsNoTracking().Where(n => n.KeepUntil < now).Select(n => new { n.Issuer, n.Value }).ToListAsync(ct))
            .Select(n => Key("nonce", n.Issuer, n.Value)));
        keys.AddRange((await db.LaunchSessions.AsNoTracking().Where(s => s.ExpiresAt < now).Select(s => s.Id).ToListAsync(ct))
            .Select(id => Key("session", id)));
        var linksBefore = now - ExpiredLinksShown;
        keys.AddRange((await db.RegistrationLinks.AsNoTracking().Where(l => l.UsedAt == null && l.ExpiresAt < linksBefore).Select(l => l.Id).ToListAsync(ct))
            .Select(id => Key("link", id)));
        var runsBefore = now - RunHistory;
        keys.AddRange((await db.JobRuns.AsNoTracking().Where(r => r.FinishedAt < runsBefore).Select(r => r.Id).ToListAsync(ct))
            .Select(id => Key("run", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var rostersBefore = now - StaleRosters;
        // A memberships URL is stored as Uri.AbsoluteUri, which escapes tabs: the separator stays one.
        keys.AddRange((await db.CourseRosters.AsNoTracking().Where(r => r.ReadAt < rostersBefore).Select(r => new { r.PlatformId, r.MembershipsUrl, r.Role }).ToListAsync(ct))
            .Select(r => Key("roster", r.PlatformId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.MembershipsUrl + Separator + r.Role)));
        return keys;
    }

    public async Task<int> RunBatchAsync(IReadOnlyList<string> keys, JobRunContext run, CancellationToken ct)
    {
        var now = run.StartedAt;
        // The issuer never holds a tab (it is a registered URL); the nonce value, which came from outside, is whatever is left.
        var parts = keys.Select(k => k.Split(Separator, 3)).ToList();
        string[] Of(string kind) => [.. parts.Where(p => p[0] == kind).Select(p => p[1])];
        var deleted = 0;
        foreach (var issuer in parts.Where(p => p[0] == "nonce").GroupBy(p => p[1], StringComparer.Ordinal))
        {
            var values = issuer.Select(p => p[2]).ToArray();
            deleted += await db.UsedNonces.Where(n => n.Issuer == issuer.Key && values.Contains(n.Value) && n.KeepUntil < now).ExecuteDeleteAsync(ct);
        }
        var sessions = Of("session");
        if (sessions.Length > 0)
            deleted += await db.LaunchSessions.Where(s => sessions.Contains(s.Id) && s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var links = Of("link");
        var linksBefore = now - ExpiredLinksShown;
        if (links.Length > 0)
            deleted += await db.RegistrationLinks.Where(l => links.Contains(l.Id) && l.UsedAt == null && l.ExpiresAt < linksBefore).ExecuteDeleteAsync(ct);
        var runs = Of("run").Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var runsBefore = now - RunHistory;
        if (runs.Length > 0)
            deleted += await db.JobRuns.Where(r => runs.Contains(r.Id) && r.FinishedAt < runsBefore && (r.State == JobRunState.Succeeded || r.State == JobRunState.Failed))
                .ExecuteDeleteAsync(ct);
        var rostersBefore = now - StaleRosters;
        foreach (var roster in parts.Where(p => p[0] == "roster"))
        {
            var platformId = int.Parse(roster[1], System.Globalization.CultureInfo.InvariantCulture);
            var (url, role) = (roster[2][..roster[2].LastIndexOf(Separator)], roster[2][(roster[2].LastIndexOf(Separator) + 1)..]);
            deleted += await db.CourseRosters.Where(r => r.PlatformId == platformId && r.MembershipsUrl == url && r.Role == role && r.ReadAt < rostersBefore)
                .ExecuteDeleteAsync(ct);
        }
        return deleted;
    }

    public Task FinishAsync(JobRunContext run, CancellationToken ct) => Task.CompletedTask;

    private static string Key(params string[] parts) => string.Join(Separator, parts);
}
