using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Development;

public enum GroupKind
{
    /// <summary>An LMS context (course).</summary>
    Course = 0,

    /// <summary>A department, from a custom launch parameter or the context.</summary>
    Department = 1,

    /// <summary>A career stage; <see cref="GroupKey.Value"/> is the stage's name.</summary>
    CareerStage = 2,

    /// <summary>The whole platform.</summary>
    Institution = 3,
}

public sealed record GroupKey(GroupKind Kind, string Value);

/// <summary>
/// The smallest group an aggregate may show. Never below 5 (issue 11): a smaller group lets a reader recognise a colleague.
/// </summary>
public sealed record MinimumGroup
{
    public const int Floor = 5;

    public MinimumGroup(int value)
    {
        if (value < Floor)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The minimum group size is never below {Floor}.");
        Value = value;
    }

    public int Value { get; }

    public static MinimumGroup Default { get; } = new(Floor);
}

/// <summary>How many teachers of a group have an indicator present.</summary>
/// <param name="Teachers">Teachers for whom the indicator was assessed; 0 when suppressed.</param>
/// <param name="Present">Of them, teachers with the indicator present; 0 when suppressed.</param>
/// <param name="Suppressed">Fewer assessed teachers than the minimum group: nothing is shown.</param>
public sealed record IndicatorPrevalence(GroupKey Group, IndicatorCode Code, DeclaredBarrier? Barrier, int Teachers, int Present, bool Suppressed)
{
    public double? Share => Suppressed || Teachers == 0 ? null : (double)Present / Teachers;
}

/// <summary>A cell of the cohort heatmap: the mean level (1–5) of one competency among the group's teachers at one career stage.</summary>
public sealed record HeatCell(GroupKey Group, string CompetencyCode, CareerStage Stage, int Teachers, double? MeanLevel, bool Suppressed);

/// <summary>Raw sums kept per group so that one teacher's change is subtracted and added without a recompute.</summary>
public sealed record IndicatorCount(GroupKey Group, IndicatorCode Code, DeclaredBarrier? Barrier, int Teachers, int Present);

/// <summary>Raw sums of levels kept per group, competency and stage.</summary>
public sealed record LevelSum(GroupKey Group, string CompetencyCode, CareerStage Stage, int Teachers, int Sum);

/// <summary>One group's exact sums, as one stored row keeps them: its teachers, indicator counts and level sums.</summary>
public sealed record GroupSums(GroupKey Group, int Teachers, IReadOnlyList<IndicatorCount> Indicators, IReadOnlyList<LevelSum> Levels);

/// <summary>One teacher's contribution to aggregates: the groups they belong to, their stage, indicators and levels.</summary>
/// <param name="Groups">Each group once (a course, a department, the stage, the institution).</param>
/// <param name="Stage">Null until the teacher states their years of teaching: their indicators count, but they have no heatmap
/// column (the heatmap is competency × career stage).</param>
public sealed record TeacherContribution(IReadOnlyList<GroupKey> Groups, CareerStage? Stage, IReadOnlyList<IndicatorResult> Indicators, IReadOnlyDictionary<string, Level> Levels);

/// <summary>
/// Per-group sums of teachers' indicators and levels, and how many teachers each group has. The host stores its
/// <see cref="Groups"/>, reloads the ones a change touches (<see cref="From"/>), and when a teacher's results change calls
/// <see cref="Remove"/> with the old contribution and <see cref="Add"/> with the new one; the result equals a recompute from
/// scratch (<see cref="Aggregates.FromScratch"/>), group sizes included, so a group crossing the minimum is shown or hidden alike.
/// Suppression is applied only when reading out, so sums stay exact.
/// </summary>
public sealed class GroupTally
{
    // A group's indicator sums are arrays over IndicatorSlots, looked up once per teacher, so adding a teacher costs a few
    // dictionary lookups, not one per indicator.
    private static readonly int Slots = IndicatorSlots.Count;
    private static readonly int Stages = Enum.GetValues<CareerStage>().Length;

    private readonly Dictionary<GroupKey, Sums> _groups = [];

    private sealed class Sums
    {
        public int Members { get; set; }

        public int[] Teachers { get; } = new int[Slots];

        public int[] Present { get; } = new int[Slots];

        /// <summary>Competency → per stage: teachers, then sum of levels.</summary>
        public Dictionary<string, int[]> Levels { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Reloads a tally from stored groups (all of them, or only those the next changes touch).</summary>
    public static GroupTally From(IEnumerable<GroupSums> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var tally = new GroupTally();
        foreach (var group in groups)
        {
            var sums = tally.SumsOf(group.Group);
            sums.Members = group.Teachers;
            foreach (var c in group.Indicators)
            {
                var slot = IndicatorSlots.Of(c.Code, c.Barrier);
                sums.Teachers[slot] = c.Teachers;
                sums.Present[slot] = c.Present;
            }
            foreach (var l in group.Levels)
            {
                var cell = tally.CellOf(sums, l.CompetencyCode);
                cell[(int)l.Stage * 2] = l.Teachers;
                cell[(int)l.Stage * 2 + 1] = l.Sum;
            }
        }
        return tally;
    }

    public void Add(TeacherContribution teacher) => Apply(teacher, +1);

    public void Remove(TeacherContribution teacher) => Apply(teacher, -1);

    private void Apply(TeacherContribution teacher, int sign)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        var stage = teacher.Stage is { } s ? (int)s * 2 : -1;
        foreach (var group in teacher.Groups)
        {
            var sums = SumsOf(group);
            sums.Members += sign;
            foreach (var result in teacher.Indicators)
            {
                if (!result.Assessed)
                    continue;
                var slot = IndicatorSlots.Of(result.Code, result.Barrier);
                sums.Teachers[slot] += sign;
                if (result.Present)
                    sums.Present[slot] += sign;
            }
            if (stage < 0)
                continue;
            foreach (var (competency, level) in teacher.Levels)
            {
                var cell = CellOf(sums, competency);
                cell[stage] += sign;
                cell[stage + 1] += (int)level * sign;
            }
        }
    }

    private Sums SumsOf(GroupKey group)
    {
        if (!_groups.TryGetValue(group, out var sums))
            _groups[group] = sums = new Sums();
        return sums;
    }

    private int[] CellOf(Sums sums, string competency)
    {
        if (!sums.Levels.TryGetValue(competency, out var cell))
            sums.Levels[competency] = cell = new int[Stages * 2];
        return cell;
    }

    private IEnumerable<KeyValuePair<GroupKey, Sums>> OrderedGroups() =>
        _groups.Where(g => g.Value.Members != 0).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Value, StringComparer.Ordinal);

    /// <summary>Every group with teachers, ordered by kind and value, with its sums: what is stored, one row per group.</summary>
    public IReadOnlyList<GroupSums> Groups() => OrderedGroups().Select(g => Stored(g.Key, g.Value)).ToList();

    /// <summary>The group's sums, or null when it has no teachers (its stored row is removed).</summary>
    public GroupSums? Group(GroupKey group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return _groups.TryGetValue(group, out var sums) && sums.Members != 0 ? Stored(group, sums) : null;
    }

    private static GroupSums Stored(GroupKey group, Sums sums) => new(group, sums.Members, IndicatorCountsOf(group, sums), LevelSumsOf(group, sums));

    /// <summary>The exact sums, ordered by group, indicator and barrier, for storage; groups without teachers are left out.</summary>
    public IReadOnlyList<IndicatorCount> IndicatorCounts() => OrderedGroups().SelectMany(g => IndicatorCountsOf(g.Key, g.Value)).ToList();

    /// <summary>The exact level sums, ordered by group, competency and stage, for storage.</summary>
    public IReadOnlyList<LevelSum> LevelSums() => OrderedGroups().SelectMany(g => LevelSumsOf(g.Key, g.Value)).ToList();

    private static List<IndicatorCount> IndicatorCountsOf(GroupKey group, Sums sums)
    {
        var counts = new List<IndicatorCount>();
        for (var slot = 0; slot < Slots; slot++)
        {
            if (sums.Teachers[slot] == 0)
                continue;
            var (code, barrier) = IndicatorSlots.At(slot);
            counts.Add(new IndicatorCount(group, code, barrier, sums.Teachers[slot], sums.Present[slot]));
        }
        return counts;
    }

    private static List<LevelSum> LevelSumsOf(GroupKey group, Sums groupSums)
    {
        var sums = new List<LevelSum>();
        foreach (var (competency, cell) in groupSums.Levels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            for (var stage = 0; stage < Stages; stage++)
            {
                if (cell[stage * 2] != 0)
                    sums.Add(new LevelSum(group, competency, (CareerStage)stage, cell[stage * 2], cell[stage * 2 + 1]));
            }
        }
        return sums;
    }

    /// <summary>Prevalence per group and indicator, small groups suppressed.</summary>
    public IReadOnlyList<IndicatorPrevalence> Prevalence(MinimumGroup minimum) =>
        IndicatorCounts().Select(c => Aggregates.Prevalence(c, minimum)).ToList();

    /// <summary>Heatmap cells per group, competency and stage, small cells suppressed.</summary>
    public IReadOnlyList<HeatCell> Heat(MinimumGroup minimum) =>
        LevelSums().Select(l => Aggregates.Heat(l, minimum)).ToList();
}

/// <summary>Folding teachers' results into group aggregates, and reading them out with small-group suppression.</summary>
public static class Aggregates
{
    public static GroupTally FromScratch(IEnumerable<TeacherContribution> teachers)
    {
        ArgumentNullException.ThrowIfNull(teachers);
        var tally = new GroupTally();
        foreach (var teacher in teachers)
            tally.Add(teacher);
        return tally;
    }

    /// <summary>A stored count read out: suppressed (teachers and present zeroed) when fewer teachers than the minimum.</summary>
    public static IndicatorPrevalence Prevalence(IndicatorCount count, MinimumGroup minimum)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(minimum);
        return count.Teachers < minimum.Value
            ? new(count.Group, count.Code, count.Barrier, 0, 0, true)
            : new(count.Group, count.Code, count.Barrier, count.Teachers, count.Present, false);
    }

    /// <summary>A stored level sum read out: suppressed (no mean, teachers zeroed) when fewer teachers than the minimum.</summary>
    public static HeatCell Heat(LevelSum sum, MinimumGroup minimum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(minimum);
        return sum.Teachers < minimum.Value
            ? new(sum.Group, sum.CompetencyCode, sum.Stage, 0, null, true)
            : new(sum.Group, sum.CompetencyCode, sum.Stage, sum.Teachers, (double)sum.Sum / sum.Teachers, false);
    }
}
