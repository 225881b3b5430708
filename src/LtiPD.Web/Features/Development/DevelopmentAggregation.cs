using System.Security.Cryptography;
using System.Text;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Development;

/// <summary>What one aggregate row keeps: exact sums, suppressed only when read out (<see cref="DevelopmentAggregates"/>).</summary>
public sealed record AggregatePayload(IReadOnlyList<IndicatorCount> Indicators, IReadOnlyList<LevelSum> Levels);

/// <summary>
/// Folds every teacher's stored result (teacher_development) into the aggregates dashboards read (development_aggregates): per
/// platform, for the institution, each career stage, department and course, one row per month. The current month is rewritten by
/// every run; earlier months stay as they were, which is the trend a designer sees. Reads only the few columns it folds.
/// </summary>
public sealed class DevelopmentAggregation(LtiPdDbContext db)
{
    public const string Institution = "institution";

    /// <summary>The group value of a course: a hash, because a deployment and a context id together can exceed the column.</summary>
    public static string CourseKey(string deploymentId, string contextId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deploymentId + "\u001f" + contextId)))[..40];

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Recomputes the month of <paramref name="now"/> for every platform; returns the rows written.</summary>
    public async Task<int> RefreshAsync(DateTimeOffset now, CancellationToken ct)
    {
        var month = MonthOf(now);
        var written = 0;
        var platformIds = await db.TeacherDevelopment.Select(d => d.PlatformId).Distinct().ToListAsync(ct);
        foreach (var platformId in platformIds)
        {
            var contributions = new List<TeacherContribution>();
            var teachers = new Dictionary<GroupKey, int>();
            var rows = db.TeacherDevelopment.AsNoTracking().Where(d => d.PlatformId == platformId)
                .Select(d => new { d.DeploymentId, d.Stage, d.Department, d.Courses, d.Indicators, d.Levels })
                .AsAsyncEnumerable();
            await foreach (var row in rows.WithCancellation(ct))
            {
                var groups = new List<GroupKey> { new(GroupKind.Institution, Institution) };
                if (row.Stage is { } stage)
                    groups.Add(new GroupKey(GroupKind.CareerStage, ((CareerStage)stage).ToString()));
                if (!string.IsNullOrEmpty(row.Department))
                    groups.Add(new GroupKey(GroupKind.Department, row.Department));
                foreach (var course in DevelopmentSnapshot.Deserialize<List<string>>(row.Courses) ?? [])
                    groups.Add(new GroupKey(GroupKind.Course, CourseKey(row.DeploymentId, course)));
                foreach (var group in groups)
                    teachers[group] = teachers.GetValueOrDefault(group) + 1;
                var levels = DevelopmentSnapshot.Deserialize<CompetencyLevels>(row.Levels)?.Competencies ?? [];
                contributions.Add(new TeacherContribution(groups, row.Stage is { } s ? (CareerStage)s : null, IndicatorSlots.Unpack(row.Indicators), levels));
            }
            var tally = Aggregates.FromScratch(contributions);
            var indicators = tally.IndicatorCounts().ToLookup(c => c.Group);
            var levelSums = tally.LevelSums().ToLookup(l => l.Group);

            await db.DevelopmentAggregates.Where(a => a.PlatformId == platformId && a.Month == month).ExecuteDeleteAsync(ct);
            foreach (var (group, count) in teachers)
            {
                db.DevelopmentAggregates.Add(new DevelopmentAggregateEntity
                {
                    PlatformId = platformId, GroupKind = (int)group.Kind, GroupValue = group.Value, Month = month, Teachers = count,
                    Payload = DevelopmentSnapshot.Serialize(new AggregatePayload(indicators[group].ToList(), levelSums[group].ToList())),
                    ComputedAt = now,
                });
                written++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return written;
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
