using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Development;

/// <summary>One trajectory as the page draws it.</summary>
public sealed record TrajectoryView(TrajectorySummary Summary, IReadOnlyList<ProfilePoint> Points, string Svg);

/// <summary>
/// The teacher's development (issue 11): their route through each programme, which they may reorder, skip and change (seed 001:
/// movement is the teacher's choice), the route's history, a trajectory per competency, and their own indicators with what each is
/// based on. It reads what the nightly job (or the last piece of evidence) computed; a teacher who has never been computed is
/// computed on the spot.
/// </summary>
public sealed class DevelopmentModel(
    LtiPdDbContext db,
    DevelopmentRecompute recompute,
    ProfileHistory history,
    ProgrammeCatalog programmes,
    DevelopmentText text,
    TimeProvider time) : SessionPageModel
{
    public const string UnknownStep = "route_step_unknown";

    public DevelopmentSnapshot? Snapshot { get; private set; }
    public TeacherSituationEntity? Situation { get; private set; }
    public IReadOnlyList<CatalogProgramme> Programmes { get; private set; } = [];
    public IReadOnlyList<TrajectoryView> Trajectories { get; private set; } = [];
    public IReadOnlyList<RouteHistoryEntity> History { get; private set; } = [];
    public DevelopmentText Text => text;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = LtiSession.Person;
        var row = await RowAsync(ct);
        if (row is null)
        {
            await recompute.TryRecomputeAsync(person, RecomputeCause.Evidence, ct);
            row = await RowAsync(ct);
        }
        Snapshot = DevelopmentSnapshot.FromJson(row?.Snapshot);
        Situation = await db.TeacherSituations.AsNoTracking()
            .FirstOrDefaultAsync(s => s.PlatformId == person.PlatformId && s.DeploymentId == person.DeploymentId && s.UserId == person.UserId, ct);
        Programmes = await programmes.LatestAsync(LtiSession.PlatformId, ct);
        History = await db.RouteHistory.AsNoTracking()
            .Where(h => h.PlatformId == person.PlatformId && h.DeploymentId == person.DeploymentId && h.UserId == person.UserId)
            .OrderByDescending(h => h.At).Take(10).ToListAsync(ct);
        var points = await history.PointsAsync(person, ct);
        var now = time.GetUtcNow();
        Trajectories = (Snapshot?.Trajectories ?? [])
            .Select((s, i) =>
            {
                var own = points.Where(p => p.CompetencyCode == s.Competency).ToList();
                var name = text.Competency(Programmes, s.Competency, LtiSession.Culture);
                var svg = TrajectoryChart.Render($"trajectory-{i}", own, s.Target, now,
                    new TrajectoryLabels(text["Dev.TrajectoryTitle", name], text.TrajectoryDescription(s, name, LtiSession.Culture), text["Dev.Target"]),
                    LtiSession.Culture);
                return new TrajectoryView(s, own, svg);
            })
            .ToList();
        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(string programme, string module, int by, CancellationToken ct) =>
        ChangeAsync(programme, module, (route, choices) =>
        {
            var ahead = route.Steps.Where(s => s.State is RouteStepState.Next or RouteStepState.Planned).Select(s => s.ModuleCode).ToList();
            var at = ahead.IndexOf(module);
            var to = at + Math.Sign(by);
            if (at < 0 || to < 0 || to >= ahead.Count)
                return null;
            (ahead[at], ahead[to]) = (ahead[to], ahead[at]);
            return choices with { Order = ahead };
        }, ct);

    public Task<IActionResult> OnPostSkipAsync(string programme, string module, CancellationToken ct) =>
        ChangeAsync(programme, module, (route, choices) =>
            route.Steps.Any(s => s.ModuleCode == module && s.State is RouteStepState.Next or RouteStepState.Planned)
                ? choices with { Skipped = new HashSet<string>(choices.Skipped.Append(module), StringComparer.Ordinal) }
                : null, ct);

    public Task<IActionResult> OnPostRestoreAsync(string programme, string module, CancellationToken ct) =>
        ChangeAsync(programme, module, (route, choices) =>
            choices.Skipped.Contains(module)
                ? choices with { Skipped = new HashSet<string>(choices.Skipped.Where(m => m != module), StringComparer.Ordinal) }
                : null, ct);

    public Task<IActionResult> OnPostAlternativeAsync(string programme, string module, string? alternative, CancellationToken ct) =>
        ChangeAsync(programme, module, (route, choices) =>
        {
            var step = route.Steps.FirstOrDefault(s => s.ModuleCode == module);
            var alternatives = new Dictionary<string, string>(choices.Alternatives, StringComparer.Ordinal);
            if (string.IsNullOrEmpty(alternative))
            {
                // "Keep this module": drop a choice made for it, wherever the route shows it now.
                foreach (var key in alternatives.Where(p => p.Key == module || p.Value == module).Select(p => p.Key).ToList())
                    alternatives.Remove(key);
            }
            else if (step is not null && step.Alternatives.Contains(alternative, StringComparer.Ordinal))
            {
                alternatives[module] = alternative;
            }
            else
            {
                return null;
            }
            return choices with { Alternatives = alternatives };
        }, ct);

    /// <summary>
    /// Applies one move of the teacher's to their route: saved, the route re-planned at once, then back to the page (POST, then
    /// redirect, so a reload never repeats it). A move the current route does not allow (a stale page, a forged form) changes
    /// nothing and says so.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(string programme, string module, Func<Domain.Development.Route, RouteChoices, RouteChoices?> change, CancellationToken ct)
    {
        var person = LtiSession.Person;
        var snapshot = DevelopmentSnapshot.FromJson((await RowAsync(ct))?.Snapshot);
        var route = snapshot?.Routes.FirstOrDefault(r => r.ProgrammeCode == programme)?.Route;
        var row = await db.RouteChoices.FirstOrDefaultAsync(c => c.PlatformId == person.PlatformId && c.DeploymentId == person.DeploymentId
            && c.UserId == person.UserId && c.ProgrammeCode == programme, ct);
        var choices = row is null ? RouteChoices.Empty : RouteChoicesJson.Read(row.Choices);
        if (route is null || change(route, choices) is not { } changed)
            return Refuse(new Refusal(UnknownStep, text["Dev.StepUnknown"], StatusCodes.Status409Conflict));
        if (row is null)
        {
            row = new RouteChoicesEntity { PlatformId = person.PlatformId, DeploymentId = person.DeploymentId, UserId = person.UserId, ProgrammeCode = programme, Choices = "" };
            db.RouteChoices.Add(row);
        }
        row.Choices = RouteChoicesJson.Write(changed);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await recompute.TryRecomputeAsync(person, RecomputeCause.Choice, ct);
        return Redirect($"/s/{LtiSession.Id}/development#route-{programme}");
    }

    private Task<TeacherDevelopmentEntity?> RowAsync(CancellationToken ct)
    {
        var person = LtiSession.Person;
        return db.TeacherDevelopment.AsNoTracking()
            .FirstOrDefaultAsync(d => d.PlatformId == person.PlatformId && d.DeploymentId == person.DeploymentId && d.UserId == person.UserId, ct);
    }

    public string ModuleTitle(string code) =>
        Programmes.SelectMany(p => p.Programme.Modules).FirstOrDefault(m => m.Code == code)?.Title.For(LtiSession.Culture.Name) ?? code;

    public string ProgrammeTitle(string code) =>
        Programmes.FirstOrDefault(p => p.Programme.Code == code)?.Programme.Title.For(LtiSession.Culture.Name) ?? code;

    public string LevelName(Level level) => ContentNames.LevelName(level).For(LtiSession.Culture.Name);
}
