using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;

namespace LtiPD.Domain.Tests.Development;

public sealed class AggregatesTests
{
    private static readonly GroupKey Institution = new(GroupKind.Institution, "platform");
    private static readonly GroupKey SmallCourse = new(GroupKind.Course, "c-small");
    private static readonly GroupKey BigCourse = new(GroupKind.Course, "c-big");

    private static TeacherContribution Teacher(int n, bool expensive, Level level, CareerStage stage = CareerStage.EarlyCareer) =>
        new([Institution, n < 4 ? SmallCourse : BigCourse], stage,
            [
                new IndicatorResult(IndicatorCode.Declared, DeclaredBarrier.TooExpensive, expensive, expensive ? 4 : 1, []),
                new IndicatorResult(IndicatorCode.Stagnation, null, false, null, [], Assessed: false),
            ],
            new Dictionary<string, Level> { ["ped-design"] = level });

    private static List<TeacherContribution> Teachers() =>
        Enumerable.Range(0, 9).Select(n => Teacher(n, n % 3 == 0, n % 2 == 0 ? Level.High : Level.Average)).ToList();

    [Fact]
    public void UpdatingOneTeacherIncrementallyEqualsARecomputeFromScratch()
    {
        var teachers = Teachers();
        var tally = Aggregates.FromScratch(teachers);

        var changed = Teacher(4, true, Level.Advanced, CareerStage.MidCareer);
        tally.Remove(teachers[4]);
        tally.Add(changed);
        teachers[4] = changed;
        var scratch = Aggregates.FromScratch(teachers);

        Assert.Equal(scratch.IndicatorCounts(), tally.IndicatorCounts());
        Assert.Equal(scratch.LevelSums(), tally.LevelSums());
        Assert.Equal(scratch.Prevalence(MinimumGroup.Default), tally.Prevalence(MinimumGroup.Default));
        Assert.Equal(scratch.Heat(MinimumGroup.Default), tally.Heat(MinimumGroup.Default));
    }

    [Fact]
    public void AStoredTallyReloadsEqual()
    {
        var tally = Aggregates.FromScratch(Teachers());

        var reloaded = GroupTally.From(tally.Groups());

        Assert.Equal(tally.IndicatorCounts(), reloaded.IndicatorCounts());
        Assert.Equal(tally.LevelSums(), reloaded.LevelSums());
        Assert.Equal(tally.Groups().Select(g => (g.Group, g.Teachers)), reloaded.Groups().Select(g => (g.Group, g.Teachers)));
    }

    private static readonly GroupKey Physics = new(GroupKind.Department, "physics");
    private static readonly GroupKey History = new(GroupKind.Department, "history");

    private static GroupKey StageGroup(CareerStage stage) => new(GroupKind.CareerStage, stage.ToString());

    /// <summary>A teacher as the host folds them: the institution, their stage's group, their department's and their courses'.</summary>
    private static TeacherContribution Member(CareerStage? stage, GroupKey? department, bool scheduleConflict, Level level, params GroupKey[] courses) =>
        new([Institution, .. stage is { } s ? [StageGroup(s)] : Array.Empty<GroupKey>(), .. department is null ? [] : new[] { department }, .. courses], stage,
            [new IndicatorResult(IndicatorCode.Declared, DeclaredBarrier.ScheduleConflict, scheduleConflict, scheduleConflict ? 4 : 1, [])],
            new Dictionary<string, Level> { ["ped-design"] = level, ["soc-communication"] = Level.Average });

    [Fact]
    public void FoldingOnlyTheChangedTeachersIntoStoredGroupsEqualsAFullFold()
    {
        // Physics has five teachers (shown), history four (suppressed); the small course four, the big one six.
        var before = new List<TeacherContribution>
        {
            Member(CareerStage.EarlyCareer, Physics, true, Level.High, SmallCourse),
            Member(CareerStage.EarlyCareer, Physics, false, Level.Average, SmallCourse),
            Member(CareerStage.MidCareer, Physics, true, Level.High, SmallCourse),
            Member(CareerStage.MidCareer, Physics, false, Level.Low, SmallCourse, BigCourse),
            Member(CareerStage.LaterCareer, Physics, false, Level.Advanced, BigCourse),
            Member(CareerStage.LaterCareer, History, true, Level.Average, BigCourse),
            Member(null, History, false, Level.High, BigCourse),
            Member(CareerStage.EarlyCareer, History, true, Level.Average, BigCourse),
            Member(CareerStage.MidCareer, History, false, Level.High, BigCourse),
        };
        var stored = Aggregates.FromScratch(before).Groups();

        var after = before.ToList();
        var changes = new Dictionary<int, TeacherContribution>
        {
            // Moves from physics to history: physics falls to four (suppressed), history rises to five (shown).
            [0] = Member(CareerStage.EarlyCareer, History, true, Level.High, SmallCourse),
            // States their years at last (a stage, so a heatmap column), and a level changes.
            [6] = Member(CareerStage.Establishing, History, false, Level.Advanced, BigCourse),
            // Changes stage and answers the questionnaire differently; joins the small course, which reaches five.
            [4] = Member(CareerStage.MidCareer, Physics, true, Level.Advanced, BigCourse, SmallCourse),
        };
        foreach (var (index, teacher) in changes)
            after[index] = teacher;
        var touched = changes.Keys.SelectMany(i => before[i].Groups.Concat(after[i].Groups)).ToHashSet();
        var incremental = GroupTally.From(stored.Where(g => touched.Contains(g.Group)));
        foreach (var (index, teacher) in changes)
        {
            incremental.Remove(before[index]);
            incremental.Add(teacher);
        }

        var full = Aggregates.FromScratch(after);
        var expected = full.Groups().Where(g => touched.Contains(g.Group)).ToList();
        var actual = touched.Select(incremental.Group).OfType<GroupSums>().OrderBy(g => g.Group.Kind).ThenBy(g => g.Group.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(Flat), actual.Select(Flat));
        // The untouched groups stay as stored, and they too equal the full fold.
        Assert.Equal(full.Groups().Where(g => !touched.Contains(g.Group)).Select(Flat), stored.Where(g => !touched.Contains(g.Group)).Select(Flat));
        Assert.Equal(4, expected.Single(g => g.Group == Physics).Teachers);
        Assert.Equal(5, expected.Single(g => g.Group == History).Teachers);
        Assert.Equal(5, expected.Single(g => g.Group == SmallCourse).Teachers);
        var prevalence = incremental.Prevalence(MinimumGroup.Default);
        Assert.True(prevalence.Single(p => p.Group == Physics).Suppressed);
        Assert.False(prevalence.Single(p => p.Group == History).Suppressed);
        Assert.Contains(actual, g => g.Group == StageGroup(CareerStage.Establishing));
    }

    private static string Flat(GroupSums g) =>
        $"{g.Group} {g.Teachers} [{string.Join(", ", g.Indicators)}] [{string.Join(", ", g.Levels)}]";

    [Fact]
    public void AGroupOfFourIsSuppressedAndAGroupOfFiveIsShown()
    {
        // Teachers 0–3 in the small course (0 and 3 declare "too expensive"), 4–8 in the big one (6 declares it); all nine in the
        // institution (0, 3, 6). Levels: even teachers High (4), odd Average (3).
        var tally = Aggregates.FromScratch(Teachers());

        var prevalence = tally.Prevalence(MinimumGroup.Default);

        Assert.Contains(new IndicatorPrevalence(SmallCourse, IndicatorCode.Declared, DeclaredBarrier.TooExpensive, 0, 0, true), prevalence);
        Assert.Contains(new IndicatorPrevalence(BigCourse, IndicatorCode.Declared, DeclaredBarrier.TooExpensive, 5, 1, false), prevalence);
        Assert.Contains(new IndicatorPrevalence(Institution, IndicatorCode.Declared, DeclaredBarrier.TooExpensive, 9, 3, false), prevalence);
        Assert.DoesNotContain(prevalence, p => p.Code == IndicatorCode.Stagnation);
        var heat = tally.Heat(MinimumGroup.Default);
        Assert.Contains(new HeatCell(SmallCourse, "ped-design", CareerStage.EarlyCareer, 0, null, true), heat);
        Assert.Contains(new HeatCell(BigCourse, "ped-design", CareerStage.EarlyCareer, 5, (4 + 3 + 4 + 3 + 4) / 5d, false), heat);
        Assert.Null(prevalence.Single(p => p.Group == SmallCourse).Share);
    }

    [Fact]
    public void TheMinimumGroupIsNeverBelowFiveAndCanBeRaised()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinimumGroup(4));
        var tally = Aggregates.FromScratch(Teachers());

        var prevalence = tally.Prevalence(new MinimumGroup(6));

        Assert.True(prevalence.Single(p => p.Group == BigCourse).Suppressed);
        Assert.False(prevalence.Single(p => p.Group == Institution).Suppressed);
    }

    [Fact]
    public void RemovingEveryTeacherLeavesNothing()
    {
        var teachers = Teachers();
        var tally = Aggregates.FromScratch(teachers);

        teachers.ForEach(tally.Remove);

        Assert.Empty(tally.IndicatorCounts());
        Assert.Empty(tally.LevelSums());
    }
}
