using LtiPD.Data;
using LtiPD.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Modules;

/// <summary>A course that uses a programme: how many people completed one of its modules there, and the course's title when known.</summary>
public sealed record ProgrammeCourse(string ProgrammeCode, string ContextId, string? Title, int People, bool IsThisCourse);

/// <summary>
/// Which courses of a platform deployment use which programme, read from the module completions recorded there (a completion is
/// the one trace a module leaves in a course: links are signed into the LMS and not kept). Only the designer's own platform and
/// deployment are read: tenants never see each other's courses. The title is the newest one a launch from that course carried.
/// </summary>
public sealed class ProgrammeUsage(LtiPdDbContext db)
{
    public async Task<IReadOnlyList<ProgrammeCourse>> CoursesAsync(CourseScope scope, CancellationToken ct)
    {
        var rows = await db.ModuleCompletions.AsNoTracking()
            .Where(c => c.PlatformId == scope.PlatformId && c.DeploymentId == scope.DeploymentId && c.ContextId != null)
            .GroupBy(c => new { c.ProgrammeCode, c.ContextId })
            .Select(g => new { g.Key.ProgrammeCode, g.Key.ContextId, People = g.Select(c => c.UserId).Distinct().Count() })
            .ToListAsync(ct);
        var contexts = rows.Select(r => r.ContextId!).Distinct().ToList();
        var titles = (await db.LaunchSessions.AsNoTracking()
                .Where(s => s.PlatformId == scope.PlatformId && s.DeploymentId == scope.DeploymentId && s.ContextTitle != null && contexts.Contains(s.ContextId!))
                .Select(s => new { s.ContextId, s.ContextTitle, s.CreatedAt })
                .ToListAsync(ct))
            .GroupBy(s => s.ContextId!)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.CreatedAt)!.ContextTitle);
        return rows
            .Select(r => new ProgrammeCourse(r.ProgrammeCode, r.ContextId!, titles.GetValueOrDefault(r.ContextId!), r.People, r.ContextId == scope.ContextId))
            .OrderByDescending(c => c.IsThisCourse).ThenByDescending(c => c.People).ThenBy(c => c.ContextId, StringComparer.Ordinal)
            .ToList();
    }
}
