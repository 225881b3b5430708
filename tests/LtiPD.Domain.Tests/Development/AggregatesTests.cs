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

        var reloaded = GroupTally.From(tally.IndicatorCounts(), tally.LevelSums());

        Assert.Equal(tally.IndicatorCounts(), reloaded.IndicatorCounts());
        Assert.Equal(tally.LevelSums(), reloaded.LevelSums());
    }

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
