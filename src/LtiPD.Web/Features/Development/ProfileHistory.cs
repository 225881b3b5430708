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
/// The points of one moment are stored together (<see cref="ProfilePointSetEntity"/>), appended and never edited; their key
/// (person, attempt, stage) makes adding them twice impossible, so filling in the points of attempts made before this existed,
/// or after a crash, is the same idempotent call.
/// </summary>
public sealed class ProfileHistory(LtiPdDbContext db, ResultRecords records)
{
    /// <summary>
    /// Adds the points the people's attempts and reviews do not have yet. Returns every person's history as it now stands
    /// (the stored points read once, plus those added), and, for each person whose history grew or who is in
    /// <paramref name="replay"/>, their merged profile now; anyone else has no profile in the answer (theirs did not change).
    /// A full rebuild replays everyone, so it re-derives every profile from the evidence itself.
    /// </summary>
    /// <param name="own">The people's own attempts per deployment (<see cref="OwnAttemptsAsync"/>), read once by the caller, which
    /// also needs them.</param>
    public async Task<Extended> ExtendAsync(IReadOnlyList<PersonScope> people, IReadOnlyDictionary<(int PlatformId, string DeploymentId), List<OwnAttempt>> own,
        Func<PersonScope, bool> replay, CancellationToken ct)
    {
        var changed = new Dictionary<PersonScope, TeacherProfile>();
        var history = people.Distinct().ToDictionary(p => p, _ => new List<StagedPoint>());
        var added = new List<ProfilePointSetEntity>();
        foreach (var group in people.GroupBy(p => (p.PlatformId, p.DeploymentId)))
        {
            var (platformId, deploymentId) = group.Key;
            var userIds = group.Select(p => p.UserId).Distinct(StringComparer.Ordinal).ToList();
            // The whole stored history of these people, read once: it tells which moments exist and is the history the
            // recompute reads (reading the points back after adding them was a second pass over every row).
            var stored = await StoredAsync(platformId, deploymentId, userIds, ct);
            foreach (var set in stored)
                Unpack(set, history[new PersonScope(platformId, deploymentId, set.UserId)]);
            var attempts = own[group.Key].Where(a => a.Status == (int)AttemptStatus.Submitted).ToList();
            if (attempts.Count == 0)
                continue;
            var taken = stored.Select(p => (p.AttemptId, p.Stage)).ToHashSet();
            var behind = attempts
                .Where(a => !taken.Contains((a.Id, (int)PointStage.Submitted)) || (a.ReviewedAt is not null && !taken.Contains((a.Id, (int)PointStage.Reviewed))))
                .Select(a => a.UserId).ToHashSet(StringComparer.Ordinal);
            behind.UnionWith(group.Where(replay).Select(p => p.UserId));
            if (behind.Count == 0)
                continue;

            var full = await db.Attempts.AsNoTracking()
                .Where(a => a.PlatformId == platformId && a.DeploymentId == deploymentId && behind.Contains(a.UserId)
                    && a.Status == (int)AttemptStatus.Submitted && a.SubjectUserId == null)
                .Select(ResultRecords.RecordColumns)
                .ToListAsync(ct);
            var byId = await records.OfAsync(full, ct, measuresOnly: true);
            var reviewedAt = attempts.Where(a => a.ReviewedAt is not null).ToDictionary(a => a.Id, a => a.ReviewedAt!.Value, StringComparer.Ordinal);
            foreach (var person in full.GroupBy(a => a.UserId, StringComparer.Ordinal))
            {
                var scope = new PersonScope(platformId, deploymentId, person.Key);
                var (moments, profile) = Replay(person.ToList(), byId, reviewedAt);
                foreach (var moment in moments.Where(m => !taken.Contains((m.AttemptId, m.Stage))))
                {
                    var entity = moment.ToEntity(scope);
                    added.Add(entity);
                    history[scope].AddRange(moment.Points.Select(p => new StagedPoint(moment.Stage, p)));
                }
                changed[scope] = profile;
            }
        }
        await InsertAsync(added, ct);
        return new Extended(changed, history.ToDictionary(h => h.Key, h => InOrder(h.Value)));
    }

    /// <summary>
    /// A teacher's own attempt (not their rating of a colleague), in any state, with its review's time: what the recompute
    /// needs of every attempt besides its record. Which points are missing, the activity and the courses all come from it.
    /// </summary>
    public sealed record OwnAttempt(string Id, string UserId, int Status, string? ContextId, string? ModuleCode,
        DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? ReviewedAt);

    /// <summary>
    /// The own attempts of these people of one deployment, read once per batch (they were read twice, and their submitted ones a
    /// third time in full). An attempt has at most one review (its key), so a left join: a subquery taking the first one left
    /// EF guessing at an order (warning 10103) and PostgreSQL running it once per attempt.
    /// </summary>
    public Task<List<OwnAttempt>> OwnAttemptsAsync(int platformId, string deploymentId, List<string> userIds, CancellationToken ct) => (
            from a in db.Attempts.AsNoTracking()
            where a.PlatformId == platformId && a.DeploymentId == deploymentId && userIds.Contains(a.UserId) && a.SubjectUserId == null
            join r in db.AttemptReviews on a.Id equals r.AttemptId into reviews
            from r in reviews.DefaultIfEmpty()
            select new OwnAttempt(a.Id, a.UserId, a.Status, a.ContextId, a.ModuleCode, a.StartedAt, a.UpdatedAt, a.SubmittedAt,
                (DateTimeOffset?)r!.ReviewedAt))
        .ToListAsync(ct);

    /// <summary>What <see cref="ExtendAsync"/> found: the changed profiles, and every person's points oldest first.</summary>
    public sealed record Extended(
        IReadOnlyDictionary<PersonScope, TeacherProfile> Changed, IReadOnlyDictionary<PersonScope, List<ProfilePoint>> Points);

    private sealed record StoredSet(string UserId, string AttemptId, int Stage, DateTimeOffset At, string Points);

    /// <summary>A point with the stage of its moment, which orders a submission before its review when both are dated alike.</summary>
    private readonly record struct StagedPoint(int Stage, ProfilePoint Point);

    private Task<List<StoredSet>> StoredAsync(int platformId, string deploymentId, List<string> userIds, CancellationToken ct) =>
        db.ProfilePointSets.AsNoTracking()
            .Where(p => p.PlatformId == platformId && p.DeploymentId == deploymentId && userIds.Contains(p.UserId))
            .Select(p => new StoredSet(p.UserId, p.AttemptId, p.Stage, p.At, p.Points))
            .ToListAsync(ct);

    private static void Unpack(StoredSet set, List<StagedPoint> into) =>
        into.AddRange(ProfilePointsText.Read(set.Points, set.At).Select(p => new StagedPoint(set.Stage, p)));

    /// <summary>Oldest first; a submission before its review when both are dated alike, so every reader sees one order.</summary>
    private static List<ProfilePoint> InOrder(IEnumerable<StagedPoint> points) =>
        points.OrderBy(p => p.Point.At).ThenBy(p => p.Stage).ThenBy(p => p.Point.CompetencyCode, StringComparer.Ordinal)
            .Select(p => p.Point)
            .ToList();

    private static readonly string[] SetColumns = ["PlatformId", "DeploymentId", "UserId", "AttemptId", "Stage", "At", "Points"];

    /// <summary>
    /// Appends moments as bulk rows rather than tracked entities: a full rebuild writes two per teacher, and EF's per-row change
    /// tracking was most of its time. The moments are those <see cref="ExtendAsync"/> found missing, so a batch done again
    /// writes none twice; only another node (or the teacher's own request) writing the same moments meanwhile can collide,
    /// and then the rows are written again with ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike). Not asking for that on
    /// every statement matters on PostgreSQL: its check before each row was a fifth of what the server spent on a full rebuild.
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<ProfilePointSetEntity> sets, CancellationToken ct)
    {
        var rows = sets.Select(p => new object?[] { p.PlatformId, p.DeploymentId, p.UserId, p.AttemptId, p.Stage, db.StoreValue(p.At), p.Points }).ToList();
        if (db.Database.CurrentTransaction is not null)
        {
            await db.InsertRowsAsync("profile_point_sets", SetColumns, rows, "ON CONFLICT DO NOTHING", ct);
            return;
        }
        try
        {
            await db.InsertRowsAsync("profile_point_sets", SetColumns, rows, "", ct); // its own transaction: a refusal leaves no row
        }
        catch (Exception e) when (UniqueViolation.Is(e))
        {
            await db.InsertRowsAsync("profile_point_sets", SetColumns, rows, "ON CONFLICT DO NOTHING", ct);
        }
    }

    /// <summary>The person's points, oldest first, as the domain reads them.</summary>
    public async Task<List<ProfilePoint>> PointsAsync(PersonScope person, CancellationToken ct)
    {
        var points = new List<StagedPoint>();
        foreach (var set in await StoredAsync(person.PlatformId, person.DeploymentId, [person.UserId], ct))
            Unpack(set, points);
        return InOrder(points);
    }

    /// <summary>The points one submission or review added: every competency it measured, at the teacher's merged level then.</summary>
    private sealed record Moment(string AttemptId, int Stage, DateTimeOffset At, List<ProfilePoint> Points)
    {
        public ProfilePointSetEntity ToEntity(PersonScope person) => new()
        {
            PlatformId = person.PlatformId, DeploymentId = person.DeploymentId, UserId = person.UserId, AttemptId = AttemptId,
            Stage = Stage, At = At, Points = ProfilePointsText.Write(Points),
        };
    }

    /// <summary>
    /// Replays a person's submissions and reviews in time order. A reviewed attempt's evidence counts from its review on: before
    /// it, its rubric tasks were waiting for a reviewer and measured nothing (the record then said "awaiting review").
    /// </summary>
    private static (List<Moment> Moments, TeacherProfile Profile) Replay(
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
        var moments = new List<Moment>();
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
            var points = new List<ProfilePoint>();
            foreach (var measured in record.Score.Competencies)
            {
                if (measured.Evidence != Evidence.Enough)
                    continue;
                var merged = profile.Competencies.FirstOrDefault(c => c.Code == measured.Code);
                if (merged is { Level: { } level, Percent: { } percent })
                    points.Add(new ProfilePoint(at, merged.Code, merged.Component, Math.Round(percent, 2), level));
            }
            if (points.Count > 0)
                moments.Add(new Moment(attempt.Id, (int)stage, at, points));
        }
        return (moments, profile);
    }
}
