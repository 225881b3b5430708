using LtiPD.Data;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// The nightly recompute of trajectories, routes and barrier indicators (issue 11). Incremental: only teachers with new evidence
/// since the last successful run's start (an attempt saved, submitted, reviewed or rated by a colleague; a module completed; a
/// questionnaire, situation or route choice saved), plus those whose result is older than
/// <see cref="DevelopmentOptions.FullRebuildEveryDays"/> (indicators such as months since the last activity move with time
/// alone). A full rebuild takes everyone and re-derives each profile from the evidence. Batches are people; a batch recomputed
/// again writes nothing new, and the aggregates are folded once at the end: only the changed teachers, or everyone on a full
/// rebuild (<see cref="DevelopmentAggregation"/>).
/// </summary>
public sealed class NightlyDevelopmentJob(
    LtiPdDbContext db, DevelopmentRecompute recompute, DevelopmentAggregation aggregation, IOptions<DevelopmentOptions> options) : IBatchedJob
{
    public const string JobName = "nightly";
    private const char Separator = '\u001f';

    public string Name => JobName;

    public async Task<IReadOnlyList<string>> PlanAsync(JobRunContext run, CancellationToken ct)
    {
        var people = new HashSet<(int, string, string)>();
        void AddAll(IEnumerable<(int, string, string)> rows) => people.UnionWith(rows);
        if (run.FullRebuild || run.LastSuccessfulStart is null)
        {
            AddAll((await db.Attempts.Where(a => a.SubjectUserId == null).Select(a => new { a.PlatformId, a.DeploymentId, a.UserId }).Distinct().ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.TeacherSituations.Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).ToListAsync(ct)).Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.BarrierAnswers.Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).Distinct().ToListAsync(ct)).Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.ModuleCompletions.Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).Distinct().ToListAsync(ct)).Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.TeacherDevelopment.Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).ToListAsync(ct)).Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
        }
        else
        {
            var since = run.LastSuccessfulStart.Value;
            var stale = run.StartedAt.AddDays(-options.Value.FullRebuildEveryDays);
            AddAll((await db.Attempts.Where(a => a.UpdatedAt >= since).Select(a => new { a.PlatformId, a.DeploymentId, UserId = a.SubjectUserId ?? a.UserId }).Distinct().ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.AttemptReviews.Where(r => r.ReviewedAt >= since).Join(db.Attempts, r => r.AttemptId, a => a.Id, (r, a) => new { a.PlatformId, a.DeploymentId, a.UserId })
                .Distinct().ToListAsync(ct)).Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.ModuleCompletions.Where(c => c.CompletedAt >= since).Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).Distinct().ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.BarrierAnswers.Where(a => a.At >= since).Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).Distinct().ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.TeacherSituations.Where(s => s.UpdatedAt >= since).Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.RouteChoices.Where(c => c.UpdatedAt >= since).Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).Distinct().ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
            AddAll((await db.TeacherDevelopment.Where(d => d.ComputedAt < stale).Select(s => new { s.PlatformId, s.DeploymentId, s.UserId }).ToListAsync(ct))
                .Select(p => (p.PlatformId, p.DeploymentId, p.UserId)));
        }
        // Sorted, so that the people of one deployment share batches (one query per batch) and a repeated plan cuts the same batches.
        return people.Select(p => Key(new PersonScope(p.Item1, p.Item2, p.Item3))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The tables a batch looks people up in; the profile points and results start empty on a first run.</summary>
    private static readonly string[] PerPersonTables =
        ["attempts", "profile_point_sets", "teacher_development", "teacher_situations", "barrier_answers", "module_completions", "route_choices"];

    public async Task<int> RunBatchAsync(IReadOnlyList<string> keys, JobRunContext run, CancellationToken ct)
    {
        await db.EnsureStatisticsAsync(PerPersonTables, ct);
        return await recompute.RecomputeAsync(keys.Select(Parse).ToList(), run.FullRebuild ? RecomputeCause.Rebuild : RecomputeCause.Nightly, run.StartedAt, ct);
    }

    public async Task FinishAsync(JobRunContext run, CancellationToken ct) =>
        await aggregation.RefreshAsync(run.StartedAt, run.FullRebuild, token => JobRunner.HoldsFinishingAsync(db, run, token), ct);

    public static string Key(PersonScope person) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{person.PlatformId:D10}{Separator}{person.DeploymentId}{Separator}{person.UserId}");

    public static PersonScope Parse(string key)
    {
        var parts = key.Split(Separator, 3);
        return new PersonScope(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2]);
    }
}
