using LtiPD.Data;
using LtiPD.Domain.Development;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// The course designer's view of their course's development (issue 11, "Dashboards"): a heatmap of mean levels per competency and
/// career stage, the prevalence of each barrier indicator with its trend over months, and the requests teachers made. Everything
/// comes from the precomputed aggregates (<see cref="DevelopmentAggregates"/>); a group or cell of fewer than the minimum teachers
/// (never below five) shows nothing but that it is too small, and requests are listed only for a course with at least that many
/// respondents, without names.
/// </summary>
public sealed class CohortModel(DevelopmentAggregates aggregates, LtiPdDbContext db, ProgrammeCatalog programmes, DevelopmentText text) : SessionPageModel
{
    public const int TrendMonths = 12;

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public GroupView? Group { get; private set; }
    public IReadOnlyList<CatalogProgramme> Programmes { get; private set; } = [];
    public IReadOnlyList<string> Requests { get; private set; } = [];
    public int RequestRespondents { get; private set; }
    public int Minimum => aggregates.Minimum.Value;
    public DevelopmentText Text => text;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Programmes = await programmes.LatestAsync(LtiSession.PlatformId, ct);
        var course = LtiSession.Course;
        if (!course.IsCourse)
            return Page();
        Group = await aggregates.GroupAsync(course.PlatformId,
            new GroupKey(GroupKind.Course, DevelopmentAggregation.CourseKey(course.DeploymentId, course.ContextId!)), TrendMonths, ct);
        (Requests, RequestRespondents) = await RequestsAsync(course, ct);
        return Page();
    }

    /// <summary>
    /// The newest "what would help me" requests of the course's members (anyone with an attempt in it), shuffled out of any order
    /// that could point at a person: sorted alphabetically, without names, and only when enough members answered.
    /// </summary>
    private async Task<(IReadOnlyList<string>, int)> RequestsAsync(CourseScope course, CancellationToken ct)
    {
        var members = db.Attempts.Where(a => a.PlatformId == course.PlatformId && a.DeploymentId == course.DeploymentId && a.ContextId == course.ContextId)
            .Select(a => a.UserId).Distinct();
        var answers = await db.BarrierAnswers.AsNoTracking()
            .Where(b => b.PlatformId == course.PlatformId && b.DeploymentId == course.DeploymentId && members.Contains(b.UserId))
            .Select(b => new { b.UserId, b.At, b.Answers }).ToListAsync(ct);
        var latest = answers.GroupBy(a => a.UserId, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.At)!)
            .Select(a => BarrierAnswersJson.Read(a.At, a.Answers)).Where(a => a.Requests.Count > 0).ToList();
        if (latest.Count < Minimum)
            return ([], latest.Count);
        return (latest.SelectMany(a => a.Requests).Order(StringComparer.CurrentCulture).ToList(), latest.Count);
    }
}
