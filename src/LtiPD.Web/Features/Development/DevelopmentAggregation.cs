using System.Security.Cryptography;
using System.Text;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Development;

/// <summary>What one aggregate row keeps: exact sums, suppressed only when read out (<see cref="DevelopmentAggregates"/>).</summary>
public sealed record AggregatePayload(IReadOnlyList<IndicatorCount> Indicators, IReadOnlyList<LevelSum> Levels);

/// <summary>
/// Keeps the aggregates dashboards read (development_aggregates) equal to a fold of every teacher's stored result
/// (teacher_development): per platform, for the institution, each career stage, department and course, one row per month. The
/// current month is rewritten by every run; earlier months stay as they were, which is the trend a designer sees.
/// <para>
/// A run folds only the teachers whose result changed since the last fold (development_folds marks them, in the transaction that
/// changes the result): it reloads the groups they were and are in, subtracts each one's contribution as it was folded, adds it
/// as it is now, and records what it folded, all in one transaction. A full rebuild, a store of unknown state (results from
/// before folds were kept) or a platform without aggregates folds everyone. Running it again finds nothing pending and changes
/// nothing; a run on another node waits for this one's transaction or records nothing (<c>stillHeld</c>).
/// </para>
/// </summary>
public sealed class DevelopmentAggregation(LtiPdDbContext db, IOptions<JobsOptions> jobs)
{
    public const string Institution = "institution";

    /// <summary>The group value of a course: a hash, because a deployment and a context id together can exceed the column.</summary>
    public static string CourseKey(string deploymentId, string contextId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deploymentId + "\u001f" + contextId)))[..40];

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Brings the month of <paramref name="now"/> up to date for every platform; returns the aggregate rows written.</summary>
    /// <param name="full">Fold every teacher again (a full rebuild), not only the changed ones.</param>
    /// <param name="stillHeld">Asked first inside each platform's transaction: false when another node took this work over, and
    /// then nothing is written.</param>
    public async Task<int> RefreshAsync(DateTimeOffset now, bool full, Func<CancellationToken, Task<bool>>? stillHeld, CancellationToken ct)
    {
        var month = MonthOf(now);
        var written = 0;
        var platformIds = (await db.TeacherDevelopment.Select(d => d.PlatformId).Distinct().ToListAsync(ct))
            .Union(await db.DevelopmentFolds.Select(f => f.PlatformId).Distinct().ToListAsync(ct)).ToList();
        foreach (var platformId in platformIds)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (stillHeld is not null && !await stillHeld(ct))
                return written;
            var baseMonth = await db.DevelopmentAggregates.Where(a => a.PlatformId == platformId).MaxAsync(a => (string?)a.Month, ct);
            var incremental = !full && baseMonth is not null && string.CompareOrdinal(baseMonth, month) <= 0
                && !await db.DevelopmentFolds.AnyAsync(f => f.PlatformId == platformId && f.State == FoldState.Unknown, ct);
            written += incremental
                ? await FoldChangedAsync(platformId, baseMonth!, month, now, ct)
                : await FoldEveryoneAsync(platformId, month, now, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return written;
    }

    private sealed record Fold(string DeploymentId, string UserId, string? Contribution, int Version);

    private sealed record FoldRow(string DeploymentId, string UserId, string Contribution, int Version);

    /// <summary>
    /// Folds every teacher of the platform, deployment by deployment and a page of users at a time, so that the memory a full
    /// fold holds is one page of results and folds (and the groups' sums) whatever the institution's size: held whole, the
    /// contributions it records for 100,000 teachers were about 200 MB at the end of the run. A page is a range of the primary
    /// key (platform, deployment, user) in both tables, which both databases read as an index range.
    /// </summary>
    private async Task<int> FoldEveryoneAsync(int platformId, string month, DateTimeOffset now, CancellationToken ct)
    {
        var tally = new GroupTally();
        // Deployments with folds but no results any more are walked too: their folds are removed.
        var deployments = (await db.TeacherDevelopment.Where(d => d.PlatformId == platformId).Select(d => d.DeploymentId).Distinct().ToListAsync(ct))
            .Union(await db.DevelopmentFolds.Where(f => f.PlatformId == platformId).Select(f => f.DeploymentId).Distinct().ToListAsync(ct))
            .ToList();
        foreach (var deploymentId in deployments)
            await FoldDeploymentAsync(platformId, deploymentId, tally, ct);
        await db.DevelopmentAggregates.Where(a => a.PlatformId == platformId && a.Month == month).ExecuteDeleteAsync(ct);
        return await InsertGroupsAsync(platformId, month, now, tally.Groups(), ct);
    }

    private async Task FoldDeploymentAsync(int platformId, string deploymentId, GroupTally tally, CancellationToken ct)
    {
        var pageSize = jobs.Value.FoldPageSize;
        string? after = null;
        while (true)
        {
            var teachers = db.TeacherDevelopment.AsNoTracking().Where(d => d.PlatformId == platformId && d.DeploymentId == deploymentId);
            if (after is not null)
                teachers = teachers.Where(d => string.Compare(d.UserId, after) > 0);
            var page = await Current(teachers.OrderBy(d => d.UserId).Take(pageSize)).ToListAsync(ct);
            var last = page.Count == pageSize ? page[^1].UserId : null;
            // The folds of the same users (after, last]; the final page's range is open above. Folds are read before the results
            // they are compared with: a result changed after this read has raised its fold's version, so recording the fold below
            // leaves it pending.
            var range = db.DevelopmentFolds.AsNoTracking().Where(f => f.PlatformId == platformId && f.DeploymentId == deploymentId);
            if (after is not null)
                range = range.Where(f => string.Compare(f.UserId, after) > 0);
            if (last is not null)
                range = range.Where(f => string.Compare(f.UserId, last) <= 0);
            var folds = await range.Select(f => new { f.UserId, f.State, f.Version }).ToDictionaryAsync(f => f.UserId, f => (f.State, f.Version), ct);
            var recorded = new List<FoldRow>();
            foreach (var row in page)
            {
                var teacher = row.Teacher;
                tally.Add(teacher.Contribution(row.DeploymentId));
                // A fold in state Folded holds the current result already (a change would have made it pending).
                if (!folds.Remove(row.UserId, out var fold) || fold.State != FoldState.Folded)
                    recorded.Add(new FoldRow(row.DeploymentId, row.UserId, DevelopmentSnapshot.Serialize(teacher), fold.Version));
            }
            // Folds left over have no result any more: nothing of theirs is in the sums written below.
            await RecordAsync(platformId, recorded, folds.Select(f => new Fold(deploymentId, f.Key, null, f.Value.Version)).ToList(), ct);
            if (last is null)
                return;
            after = last;
        }
    }

    private async Task<int> FoldChangedAsync(int platformId, string baseMonth, string month, DateTimeOffset now, CancellationToken ct)
    {
        var pending = await db.DevelopmentFolds.AsNoTracking().Where(f => f.PlatformId == platformId && f.State == FoldState.Pending)
            .Select(f => new Fold(f.DeploymentId, f.UserId, f.Contribution, f.Version)).ToListAsync(ct);
        var sameMonth = baseMonth == month;
        if (pending.Count == 0 && sameMonth)
            return 0;

        var current = new Dictionary<(string, string), FoldedTeacher>();
        foreach (var byDeployment in pending.GroupBy(f => f.DeploymentId, StringComparer.Ordinal))
        {
            foreach (var users in byDeployment.Select(f => f.UserId).Chunk(500))
            {
                var rows = await Current(db.TeacherDevelopment.AsNoTracking()
                    .Where(d => d.PlatformId == platformId && d.DeploymentId == byDeployment.Key && users.Contains(d.UserId))).ToListAsync(ct);
                foreach (var row in rows)
                    current[(row.DeploymentId, row.UserId)] = row.Teacher;
            }
        }
        var changes = pending.Select(f => (
                Fold: f,
                Old: f.Contribution is null ? null : DevelopmentSnapshot.Deserialize<FoldedTeacher>(f.Contribution)!.Contribution(f.DeploymentId),
                Now: current.GetValueOrDefault((f.DeploymentId, f.UserId))))
            .ToList();
        var touched = new HashSet<GroupKey>();
        foreach (var (fold, old, teacher) in changes)
        {
            touched.UnionWith(old?.Groups ?? []);
            touched.UnionWith(teacher?.Contribution(fold.DeploymentId).Groups ?? []);
        }

        // The groups as last stored: in this month only those the changes touch are reloaded and rewritten; in a new month every
        // group is carried over from the last one, so that the month has every group.
        var stored = (await db.DevelopmentAggregates.AsNoTracking().Where(a => a.PlatformId == platformId && a.Month == baseMonth).ToListAsync(ct))
            .Select(a => (Group: new GroupKey((GroupKind)a.GroupKind, a.GroupValue), Row: a))
            .Where(a => !sameMonth || touched.Contains(a.Group))
            .Select(a => StoredGroup(a.Group, a.Row))
            .ToList();
        var tally = GroupTally.From(stored);
        foreach (var (fold, old, teacher) in changes)
        {
            if (old is not null)
                tally.Remove(old);
            if (teacher is not null)
                tally.Add(teacher.Contribution(fold.DeploymentId));
        }
        var groups = touched.Union(stored.Select(g => g.Group)).ToList();
        if (sameMonth)
        {
            await db.ExecuteManyAsync(
                """DELETE FROM development_aggregates WHERE "PlatformId" = @p0 AND "GroupKind" = @p1 AND "GroupValue" = @p2 AND "Month" = @p3""",
                groups.Select(g => new object?[] { platformId, (int)g.Kind, g.Value, month }).ToList(), ct);
        }
        var written = await InsertGroupsAsync(platformId, month, now, groups.Select(tally.Group).OfType<GroupSums>().ToList(), ct);
        await RecordAsync(platformId,
            changes.Where(c => c.Now is not null).Select(c => new FoldRow(c.Fold.DeploymentId, c.Fold.UserId, DevelopmentSnapshot.Serialize(c.Now), c.Fold.Version)).ToList(),
            changes.Where(c => c.Now is null).Select(c => c.Fold).ToList(), ct);
        return written;
    }

    private sealed record CurrentRow(string DeploymentId, string UserId, int? Stage, string? Department, string Courses, long Indicators, string Levels)
    {
        public FoldedTeacher Teacher => new(Stage, Department, DevelopmentSnapshot.Deserialize<List<string>>(Courses) ?? [], Indicators,
            DevelopmentSnapshot.Deserialize<CompetencyLevels>(Levels)?.Competencies ?? []);
    }

    /// <summary>The columns a fold reads, not the snapshot.</summary>
    private static IQueryable<CurrentRow> Current(IQueryable<TeacherDevelopmentEntity> rows) =>
        rows.Select(d => new CurrentRow(d.DeploymentId, d.UserId, d.Stage, d.Department, d.Courses, d.Indicators, d.Levels));

    private static GroupSums StoredGroup(GroupKey group, DevelopmentAggregateEntity row)
    {
        var payload = DevelopmentSnapshot.Deserialize<AggregatePayload>(row.Payload)!;
        return new GroupSums(group, row.Teachers, payload.Indicators, payload.Levels);
    }

    private static readonly string[] AggregateColumns = ["PlatformId", "GroupKind", "GroupValue", "Month", "Teachers", "Payload", "ComputedAt"];

    private async Task<int> InsertGroupsAsync(int platformId, string month, DateTimeOffset now, IReadOnlyList<GroupSums> groups, CancellationToken ct)
    {
        await db.InsertRowsAsync("development_aggregates", AggregateColumns,
            groups.Select(g => new object?[]
            {
                platformId, (int)g.Group.Kind, g.Group.Value, month, g.Teachers,
                DevelopmentSnapshot.Serialize(new AggregatePayload(g.Indicators, g.Levels)), db.StoreValue(now),
            }).ToList(), "", ct);
        return groups.Count;
    }

    private static readonly string[] FoldColumns = ["PlatformId", "DeploymentId", "UserId", "Contribution", "Version", "State"];

    /// <summary>
    /// Records what was folded. A fold whose version moved since it was read (the result changed meanwhile, on another request)
    /// stays pending with the contribution folded now, so the next run folds the difference; a teacher whose result is gone loses
    /// their fold.
    /// </summary>
    private async Task RecordAsync(int platformId, IReadOnlyList<FoldRow> folded, IReadOnlyList<Fold> gone, CancellationToken ct)
    {
        await db.InsertRowsAsync("development_folds", FoldColumns,
            folded.Select(f => new object?[] { platformId, f.DeploymentId, f.UserId, f.Contribution, f.Version, (int)FoldState.Folded }).ToList(),
            """
            ON CONFLICT ("PlatformId", "DeploymentId", "UserId") DO UPDATE SET "Contribution" = excluded."Contribution",
            "State" = CASE WHEN development_folds."Version" = excluded."Version" THEN 0 ELSE 1 END
            """, ct);
        await db.ExecuteManyAsync(
            """DELETE FROM development_folds WHERE "PlatformId" = @p0 AND "DeploymentId" = @p1 AND "UserId" = @p2 AND "Version" = @p3""",
            gone.Select(f => new object?[] { platformId, f.DeploymentId, f.UserId, f.Version }).ToList(), ct);
    }
}

/// <summary>
/// A teacher as the aggregates fold them, kept in development_folds as it was folded: their career stage, department, courses,
/// packed indicators (<see cref="IndicatorSlots"/>) and competency levels.
/// </summary>
internal sealed record FoldedTeacher(int? Stage, string? Department, List<string> Courses, long Indicators, Dictionary<string, Level> Levels)
{
    /// <summary>The groups the teacher counts in and what they add to each.</summary>
    public TeacherContribution Contribution(string deploymentId)
    {
        var groups = new List<GroupKey> { new(GroupKind.Institution, DevelopmentAggregation.Institution) };
        if (Stage is { } stage)
            groups.Add(new GroupKey(GroupKind.CareerStage, ((CareerStage)stage).ToString()));
        if (!string.IsNullOrEmpty(Department))
            groups.Add(new GroupKey(GroupKind.Department, Department));
        foreach (var course in Courses)
            groups.Add(new GroupKey(GroupKind.Course, DevelopmentAggregation.CourseKey(deploymentId, course)));
        return new TeacherContribution(groups, Stage is { } s ? (CareerStage)s : null, IndicatorSlots.Unpack(Indicators), Levels);
    }
}

/// <summary>
/// The part of <see cref="StoredLevels"/> aggregates fold: reading only it skips the knowledge elements and percents, most of the
/// text, for every teacher of the platform on every run.
/// </summary>
internal sealed record CompetencyLevels(Dictionary<string, Level> Competencies);

/// <summary>A group's aggregates as a dashboard shows them: small groups and cells suppressed (never fewer than five teachers).</summary>
public sealed record GroupView(
    GroupKey Group, int Teachers, bool Suppressed, IReadOnlyList<IndicatorPrevalence> Prevalence, IReadOnlyList<HeatCell> Heat,
    IReadOnlyList<(string Month, IReadOnlyList<IndicatorPrevalence> Prevalence)> Trend);

/// <summary>Reads precomputed aggregates for the dashboards; never touches per-teacher rows, so it answers fast for any size.</summary>
public sealed class DevelopmentAggregates(LtiPdDbContext db, IOptions<DevelopmentOptions> options)
{
    public MinimumGroup Minimum => new(options.Value.MinimumGroup);

    /// <summary>The group's newest month with its trend over the months before it (at most <paramref name="months"/>).</summary>
    public async Task<GroupView?> GroupAsync(int platformId, GroupKey group, int months, CancellationToken ct)
    {
        var rows = await db.DevelopmentAggregates.AsNoTracking()
            .Where(a => a.PlatformId == platformId && a.GroupKind == (int)group.Kind && a.GroupValue == group.Value)
            .OrderByDescending(a => a.Month).Take(months).ToListAsync(ct);
        if (rows.Count == 0)
            return null;
        return View(group, rows);
    }

    /// <summary>Every group of a kind on the platform, newest month only (e.g. every career stage).</summary>
    public async Task<IReadOnlyList<GroupView>> GroupsAsync(int platformId, GroupKind kind, CancellationToken ct)
    {
        var rows = await db.DevelopmentAggregates.AsNoTracking()
            .Where(a => a.PlatformId == platformId && a.GroupKind == (int)kind).ToListAsync(ct);
        return rows.GroupBy(r => r.GroupValue, StringComparer.Ordinal)
            .Select(g => View(new GroupKey(kind, g.Key), g.OrderByDescending(r => r.Month).Take(1).ToList()))
            .OrderBy(v => v.Group.Value, StringComparer.Ordinal)
            .ToList();
    }

    private GroupView View(GroupKey group, IReadOnlyList<DevelopmentAggregateEntity> newestFirst)
    {
        var minimum = Minimum;
        var latest = newestFirst[0];
        var payload = DevelopmentSnapshot.Deserialize<AggregatePayload>(latest.Payload)!;
        var suppressed = latest.Teachers < minimum.Value;
        var trend = newestFirst.Reverse()
            .Select(r => (r.Month, (IReadOnlyList<IndicatorPrevalence>)(DevelopmentSnapshot.Deserialize<AggregatePayload>(r.Payload)!.Indicators
                .Select(c => Aggregates.Prevalence(c, minimum)).ToList())))
            .ToList();
        return new GroupView(group, suppressed ? 0 : latest.Teachers, suppressed,
            payload.Indicators.Select(c => Aggregates.Prevalence(c, minimum)).ToList(),
            suppressed ? [] : payload.Levels.Select(l => Aggregates.Heat(l, minimum)).ToList(),
            trend);
    }
}
