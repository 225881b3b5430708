using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Development;
using LtiPD.Domain.People;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Development;

/// <summary>When a point of the profile history was taken: at the attempt's submission, or at its review.</summary>
public enum PointStage
{
    Submitted = 0,
    Reviewed = 1,
}

/// <summary>
/// The dated points of a teacher's profile history (issue 11, "Trajectories"). Each submitted attempt, and each review of one,
/// adds a point per competency it measured with enough evidence: the teacher's merged level on that competency at that moment,
/// the same merge as the profile page (<see cref="TeacherResults"/>: the newest attempt with enough evidence per instrument).
/// Points are appended and never edited; their key (attempt, stage, competency) makes adding one twice impossible, so filling
/// in the points of attempts made before this existed, or after a crash, is the same idempotent call.
/// </summary>
public sealed class ProfileHistory(LtiPdDbContext db, ResultRecords records)
{
    /// <summary>
    /// Adds the points the people's attempts and reviews do not have yet. Returns every person's history as it now stands
    /// (the stored points read once, plus those added), and, for each person whose history grew or who is in
    /// <paramref name="replay"/>, their merged profile now; anyone else has no profile in the answer (theirs did not change).
    /// A full rebuild replays everyone, so it re-derives every profile from the evidence itself.
    /// </summary>
    public async Task<Extended> ExtendAsync(IReadOnlyList<PersonScope> people, Func<PersonScope, bool> replay, CancellationToken ct)
    {
        var changed = new Dictionary<PersonScope, TeacherProfile>();
        var history = people.Distinct().ToDictionary(p => p, _ => new List<StoredPoint>());
        var added = new List<ProfilePointEntity>();
        foreach (var group in people.GroupBy(p => (p.PlatformId, p.DeploymentId)))
        {
            var (platformId, deploymentId) = group.Key;
            var userIds = group.Select(p => p.UserId).Distinct(StringComparer.Ordinal).ToList();
            // The whole stored history of these people, read once: it tells which points exist and is the history the
            // recompute reads (reading the points back after adding them was a second pass over every row).
            var stored = await StoredAsync(platformId, deploymentId, userIds, ct);
            foreach (var point in stored)
                history[new PersonScope(platformId, deploymentId, point.UserId)].Add(point);
            var attempts = await db.Attempts.AsNoTracking()
                .Where(a => a.PlatformId == platformId && a.DeploymentId == deploymentId && userIds.Contains(a.UserId)
                    && a.Status == (int)AttemptStatus.Submitted && a.SubjectUserId == null)
                .Select(a => new { a.Id, a.UserId, a.SubmittedAt, Reviewed = db.AttemptReviews.Where(r => r.AttemptId == a.Id).Select(r => (DateTimeOffset?)r.ReviewedAt).FirstOrDefault() })
                .ToListAsync(ct);
            if (attempts.Count == 0)
                continue;
            var taken = stored.Select(p => (p.AttemptId, p.Stage)).ToHashSet();
            var behind = attempts
                .Where(a => !taken.Contains((a.Id, (int)PointStage.Submitted)) || (a.Reviewed is not null && !taken.Contains((a.Id, (int)PointStage.Reviewed))))
                .Select(a => a.UserId).ToHashSet(StringComparer.Ordinal);
            behind.UnionWith(group.Where(replay).Select(p => p.UserId));
            if (behind.Count == 0)
                continue;

            var full = await db.Attempts.AsNoTracking()
                .Where(a => a.PlatformId == platformId && a.DeploymentId == deploymentId && behind.Contains(a.UserId)
                    && a.Status == (int)AttemptStatus.Submitted && a.SubjectUserId == null)
                .ToListAsync(ct);
            var byId = await records.OfAsync(full, ct, measuresOnly: true);
            var reviewedAt = attempts.Where(a => a.Reviewed is not null).ToDictionary(a => a.Id, a => a.Reviewed!.Value, StringComparer.Ordinal);
            foreach (var person in full.GroupBy(a => a.UserId, StringComparer.Ordinal))
            {
                var scope = new PersonScope(platformId, deploymentId, person.Key);
                var (points, profile) = Replay(person.ToList(), byId, reviewedAt);
                foreach (var point in points.Where(p => !taken.Contains((p.AttemptId, p.Stage))))
                {
                    var entity = point.ToEntity(scope);
                    added.Add(entity);
                    history[scope].Add(StoredPoint.Of(entity));
                }
                changed[scope] = profile;
            }
        }
        await InsertAsync(added, ct);
        return new Extended(changed, history.ToDictionary(h => h.Key, h => InOrder(h.Value)));
    }

    /// <summary>What <see cref="ExtendAsync"/> found: the changed profiles, and every person's points oldest first.</summary>
    public sealed record Extended(
        IReadOnlyDictionary<PersonScope, TeacherProfile> Changed, IReadOnlyDictionary<PersonScope, List<ProfilePoint>> Points);

    private sealed record StoredPoint(string UserId, string AttemptId, int Stage, DateTimeOffset At, string CompetencyCode, int Component, double Percent, int Level)
    {
        public static StoredPoint Of(ProfilePointEntity p) =>
            new(p.UserId, p.AttemptId, p.Stage, p.At, p.CompetencyCode, p.Component, p.Percent, p.Level);
    }

    private Task<List<StoredPoint>> StoredAsync(int platformId, string deploymentId, List<string> userIds, CancellationToken ct) =>
        db.ProfilePoints.AsNoTracking()
            .Where(p => p.PlatformId == platformId && p.DeploymentId == deploymentId && userIds.Contains(p.UserId))
            .Select(p => new StoredPoint(p.UserId, p.AttemptId, p.Stage, p.At, p.CompetencyCode, p.Component, p.Percent, p.Level))
            .ToListAsync(ct);

    /// <summary>Oldest first; a submission before its review when both are dated alike, so every reader sees one order.</summary>
    private static List<ProfilePoint> InOrder(IEnumerable<StoredPoint> points) =>
        points.OrderBy(p => p.At).ThenBy(p => p.Stage).ThenBy(p => p.CompetencyCode, StringComparer.Ordinal)
            .Select(p => new ProfilePoint(p.At, p.CompetencyCode, (Domain.Competencies.Component)p.Component, p.Percent, (Domain.Competencies.Level)p.Level))
            .ToList();

    private static readonly string[] PointColumns =
        ["AttemptId", "Stage", "CompetencyCode", "PlatformId", "DeploymentId", "UserId", "At", "Component", "Percent", "Level"];

    /// <summary>
    /// Appends points as bulk rows rather than tracked entities: a full rebuild writes tens of points per teacher, and EF's
    /// per-row change tracking was most of its time. The points are those <see cref="ExtendAsync"/> found missing, so a batch
    /// done again writes none twice; only another node (or the teacher's own request) writing the same points meanwhile can
    /// collide, and then the rows are written again with ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike). Not asking for
    /// that on every statement matters on PostgreSQL: its check before each row was a fifth of what the server spent on a full
    /// rebuild.
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<ProfilePointEntity> points, CancellationToken ct)
    {
        var rows = points.Select(p => new object?[] { p.AttemptId, p.Stage, p.CompetencyCode, p.PlatformId, p.DeploymentId, p.UserId, db.StoreValue(p.At), p.Component, p.Percent, p.Level }).ToList();
        if (db.Database.CurrentTransaction is not null)
        {
            await db.InsertRowsAsync("profile_points", PointColumns, rows, "ON CONFLICT DO NOTHING", ct);
            return;
        }
        try
        {
            await db.InsertRowsAsync("profile_points", PointColumns, rows, "", ct); // its own transaction: a refusal leaves no row
        }
        catch (Exception e) when (UniqueViolation.Is(e))
        {
            await db.InsertRowsAsync("profile_points", PointColumns, rows, "ON CONFLICT DO NOTHING", ct);
        }
    }

    /// <summary>The person's points, oldest first, as the domain reads them.</summary>
    public async Task<List<ProfilePoint>> PointsAsync(PersonScope person, CancellationToken ct) =>
        InOrder(await StoredAsync(person.PlatformId, person.DeploymentId, [person.UserId], ct));

    private sealed record NewPoint(string AttemptId, int Stage, DateTimeOffset At, CompetencyScore Merged)
    {
        public ProfilePointEntity ToEntity(PersonScope person) => new()
        {
            AttemptId = AttemptId, Stage = Stage, CompetencyCode = Merged.Code, PlatformId = person.PlatformId,
            DeploymentId = person.DeploymentId, UserId = person.UserId, At = At, Component = (int)Merged.Component,
            Percent = Math.Round(Merged.Percent!.Value, 2), Level = (int)Merged.Level!.Value,
        };
    }

    /// <summary>
    /// Replays a person's submissions and reviews in time order. A reviewed attempt's evidence counts from its review on: before
    /// it, its rubric tasks were waiting for a reviewer and measured nothing (the record then said "awaiting review").
    /// </summary>
    private static (List<NewPoint> Points, TeacherProfile Profile) Replay(
        IReadOnlyList<AttemptEntity> attempts, IReadOnlyDictionary<string, ResultRecord> byId, IReadOnlyDictionary<string, DateTimeOffset> reviewedAt)
    {
        var events = new List<(DateTimeOffset At, AttemptEntity Attempt, PointStage Stage)>();
        foreach (var a in attempts)
        {
            var submitted = a.SubmittedAt ?? a.UpdatedAt;
            if (reviewedAt.TryGetValue(a.Id, out var reviewed))
            {
                events.Add((submitted, a, PointStage.Submitted));
                events.Add((reviewed < submitted ? submitted : reviewed, a, PointStage.Reviewed));
            }
            else
            {
                events.Add((submitted, a, PointStage.Submitted));
            }
        }
        events.Sort((x, y) => x.At != y.At ? x.At.CompareTo(y.At) : x.Stage.CompareTo(y.Stage));

        var newest = new Dictionary<string, (DateTimeOffset SubmittedAt, AttemptScore Score)>(StringComparer.Ordinal);
        var points = new List<NewPoint>();
        var profile = TeacherProfile.Merge([]);
        foreach (var (at, attempt, stage) in events)
        {
            var record = byId[attempt.Id];
            var counts = record.Evidence.Enough && (stage == PointStage.Reviewed || !reviewedAt.ContainsKey(attempt.Id));
            if (!counts)
                continue;
            var submitted = attempt.SubmittedAt ?? attempt.UpdatedAt;
            if (!newest.TryGetValue(attempt.InstrumentCode, out var current) || current.SubmittedAt <= submitted)
                newest[attempt.InstrumentCode] = (submitted, record.Score);
            profile = TeacherProfile.Merge(newest.Values.Select(v => v.Score));
            foreach (var measured in record.Score.Competencies)
            {
                if (measured.Evidence != Evidence.Enough)
                    continue;
                var merged = profile.Competencies.FirstOrDefault(c => c.Code == measured.Code);
                if (merged is { Level: not null, Percent: not null })
                    points.Add(new NewPoint(attempt.Id, (int)stage, at, merged));
            }
        }
        return (points, profile);
    }
}
