using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Lti.Messages;
using LtiPD.Lti.Platforms;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Roster;

/// <summary>
/// Reads again the NRPS rosters (NRPS 2.0 §3.6) of the courses someone opened LtiPD in during <see cref="RecentLaunches"/>,
/// one batch of courses at a time, through <see cref="RosterCache"/> into course_rosters, which every node serves: course
/// pages on any node show the new roster without waiting for the LMS. For each course it reads the whole roster and every
/// role-filtered roster a page has asked for. A course whose LMS does not answer, or whose memberships URL the outbound
/// policy refuses, is a problem recorded for that course, not a failed run; its last good roster stays. The work key is
/// the course (platform, deployment, context); the memberships URL is the one the latest launch in the course named.
/// Idempotent: a second run stores the same rosters and counts nothing as changed.
/// </summary>
public sealed class RosterRefreshJob(LtiPdDbContext db, IPlatformRegistry platforms, RosterCache cache) : IBatchedJob
{
    public const string JobName = "rosters";

    /// <summary>A course with no launch for this long is left alone: nobody is looking at its pages.</summary>
    public static readonly TimeSpan RecentLaunches = TimeSpan.FromDays(7);

    private const char Separator = '\t';

    public string Name => JobName;

    public async Task<IReadOnlyList<string>> PlanAsync(JobRunContext run, CancellationToken ct)
    {
        var since = run.StartedAt - RecentLaunches;
        var courses = await db.LaunchSessions.AsNoTracking()
            .Where(s => s.ContextId != null && s.PendingState == null && s.CreatedAt >= since)
            .Select(s => new { s.PlatformId, s.DeploymentId, s.ContextId }).Distinct().ToListAsync(ct);
        return [.. courses.Select(c => string.Join(Separator, c.PlatformId.ToString(System.Globalization.CultureInfo.InvariantCulture), c.DeploymentId, c.ContextId))
            .Order(StringComparer.Ordinal)];
    }

    public async Task<int> RunBatchAsync(IReadOnlyList<string> keys, JobRunContext run, CancellationToken ct)
    {
        var changed = 0;
        foreach (var key in keys)
        {
            // The context id came from the LMS and may hold anything; platform and deployment are the tool's own values.
            var parts = key.Split(Separator, 3);
            var (platformId, deploymentId, contextId) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2]);
            var payload = await db.LaunchSessions.AsNoTracking()
                .Where(s => s.PlatformId == platformId && s.DeploymentId == deploymentId && s.ContextId == contextId && s.PendingState == null)
                .OrderByDescending(s => s.CreatedAt).Select(s => s.PayloadJson).FirstOrDefaultAsync(ct);
            if (payload is null
                || LtiMessage.NamesRoleServiceOf(payload)?.ContextMembershipsUrl is not { } url
                || !Uri.TryCreate(url, UriKind.Absolute, out var membershipsUrl) || membershipsUrl.Scheme is not ("http" or "https")
                || await platforms.FindByKeyAsync(platformId, ct) is not { } platform)
                continue; // the course's launches offer no roster service: nothing to read
            var stored = membershipsUrl.AbsoluteUri;
            var roles = await db.CourseRosters.AsNoTracking()
                .Where(r => r.PlatformId == platformId && r.MembershipsUrl == stored && r.Role != CourseRosterEntity.AllRoles)
                .Select(r => r.Role).ToListAsync(ct);
            foreach (var role in roles.Order(StringComparer.Ordinal).Prepend(null))
            {
                var read = await cache.RefreshNowAsync(platform, membershipsUrl, role, ct);
                if (read.Problem is { } problem)
                {
                    run.Problems.Add($"Course {contextId} (platform {platformId}, deployment {deploymentId}): {problem}.");
                    break; // the other filters of the same URL would only fail the same way
                }
                if (read.Changed)
                    changed++;
            }
        }
        return changed;
    }

    public Task FinishAsync(JobRunContext run, CancellationToken ct) => Task.CompletedTask;
}
