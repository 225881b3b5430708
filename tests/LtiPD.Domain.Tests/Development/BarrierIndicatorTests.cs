using System.Globalization;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Domain.Profiles;
using LtiPD.Domain.Tests.Content;

namespace LtiPD.Domain.Tests.Development;

/// <summary>Each indicator with a case computed by hand, present and absent (docs/indicators.md).</summary>
public sealed class BarrierIndicatorTests
{
    private static readonly IndicatorPolicy Policy = IndicatorPolicy.Default;

    private static DateTimeOffset At(string date) => DateTimeOffset.Parse(date + "T12:00:00Z", CultureInfo.InvariantCulture);

    private static readonly DateTimeOffset Now = At("2026-06-15");

    [Fact]
    public void ADeclaredBarrierIsPresentFromAgreeAndNotAssessedWhenUnanswered()
    {
        var answers = new BarrierAnswers(Now, new Dictionary<DeclaredBarrier, int>
        {
            [DeclaredBarrier.TooExpensive] = 3,
            [DeclaredBarrier.NoIncentives] = 2,
        }, []);

        Assert.Equal((true, 3d), Shape(BarrierIndicators.Declared(answers, DeclaredBarrier.TooExpensive, Policy)));
        Assert.Equal((false, 2d), Shape(BarrierIndicators.Declared(answers, DeclaredBarrier.NoIncentives, Policy)));
        Assert.False(BarrierIndicators.Declared(answers, DeclaredBarrier.ScheduleConflict, Policy).Assessed);
        Assert.False(BarrierIndicators.Declared(null, DeclaredBarrier.TooExpensive, Policy).Assessed);
        Assert.Equal(["agreement:3"], BarrierIndicators.Declared(answers, DeclaredBarrier.TooExpensive, Policy).Basis);
    }

    [Fact]
    public void BelowStageTargetCountsMeasuredCompetenciesBelowTheirTarget()
    {
        var target = new TargetProfile("p", CareerStage.EarlyCareer, null, new Dictionary<string, Level>
        {
            ["a"] = Level.High,
            ["b"] = Level.Average,
            ["c"] = Level.High,
        });

        // a Average < High; b High ≥ Average; c unmeasured is not counted.
        var present = BarrierIndicators.BelowStageTarget(Inputs() with { Target = target, CompetencyLevels = Levels(("a", Level.Average), ("b", Level.High)) });
        var absent = BarrierIndicators.BelowStageTarget(Inputs() with { Target = target, CompetencyLevels = Levels(("a", Level.High), ("b", Level.Average)) });

        Assert.Equal((true, 1d), Shape(present));
        Assert.Equal(["a"], present.Basis);
        Assert.Equal((false, 0d), Shape(absent));
        Assert.False(BarrierIndicators.BelowStageTarget(Inputs() with { Target = target }).Assessed);
    }

    [Fact]
    public void PyramidDistortionIsTheLagOfTheWeakestComponentBeyondFifteenPoints()
    {
        // (80 + 70) / 2 − 40 = 35 > 15; (70 + 60) / 2 − 55 = 10 ≤ 15.
        var present = BarrierIndicators.PyramidDistortion(new ComponentScores(80, 70, 40), Policy);
        var absent = BarrierIndicators.PyramidDistortion(new ComponentScores(70, 60, 55), Policy);

        Assert.Equal((true, 35d), Shape(present));
        Assert.Equal(["pedagogical"], present.Basis);
        Assert.Equal((false, 10d), Shape(absent));
        Assert.False(BarrierIndicators.PyramidDistortion(new ComponentScores(70, null, 55), Policy).Assessed);
    }

    [Fact]
    public void ABrokenTaskChainNamesTheFirstMissingLink()
    {
        var task = new PedagogicalTask("t1", new LocalizedText("t1"),
            [new TaskLink("ped-a", "e1", Level.Average), new TaskLink("ped-b", "e2", Level.Average)]);
        var broken = TaskChain.Evaluate(task, Levels(("ped-a", Level.High), ("ped-b", Level.Low)), Levels(("e1", Level.High), ("e2", Level.High)));
        var solvable = TaskChain.Evaluate(task, Levels(("ped-a", Level.High), ("ped-b", Level.High)), Levels(("e1", Level.High), ("e2", Level.High)));
        var unknown = TaskChain.Evaluate(task, Levels(), Levels());

        var present = BarrierIndicators.BrokenTaskChain([broken, unknown]);

        Assert.Equal((true, 1d), Shape(present));
        Assert.Equal(["t1:ped-b:e2"], present.Basis);
        Assert.Equal((false, 0d), Shape(BarrierIndicators.BrokenTaskChain([solvable])));
        Assert.False(BarrierIndicators.BrokenTaskChain([unknown]).Assessed);
    }

    [Fact]
    public void StagnationCountsStagnantTrajectories()
    {
        var point = new ProfilePoint(Now, "a", Component.Social, 50, Level.Average);
        Trajectory Of(string code, bool stagnant) => new(code, [point with { CompetencyCode = code }], Level.Average, Now, Trend.Flat, Level.High, 1, stagnant);

        var present = BarrierIndicators.Stagnation([Of("b", true), Of("a", false)]);

        Assert.Equal((true, 1d), Shape(present));
        Assert.Equal(["b"], present.Basis);
        Assert.Equal((false, 0d), Shape(BarrierIndicators.Stagnation([Of("a", false)])));
        Assert.False(BarrierIndicators.Stagnation([]).Assessed);
    }

    [Fact]
    public void ParticipationInTwoOfTwelveMonthsIsIrregular()
    {
        // First activity July 2025: the window is Jul 2025 – Jun 2026, 12 months, 2 active: 2/12 < 0.25. Last 3 Aug: 10 months ago.
        var result = BarrierIndicators.IrregularParticipation([At("2025-08-03"), At("2025-07-10")], Now, Policy);

        Assert.True(result.Present);
        Assert.Equal(2d / 12, result.Value!.Value, 10);
        Assert.Equal(["months-since-last:10", "active-months:2", "window-months:12"], result.Basis);
    }

    [Fact]
    public void ANewcomerActiveEveryOtherMonthIsRegular()
    {
        // First activity January 2026: the window is Jan – Jun, 6 months, 3 active = 0.5; last activity 30 May: 0 months ago.
        var result = BarrierIndicators.IrregularParticipation([At("2026-01-20"), At("2026-03-05"), At("2026-05-30")], Now, Policy);

        Assert.Equal((false, 0.5), Shape(result));
        Assert.Equal("months-since-last:0", result.Basis[0]);
    }

    [Fact]
    public void SixWholeMonthsWithoutActivityIsIrregularAndFiveIsNot()
    {
        // Oct, Nov, Dec 2025 active of Oct – Jun (9 months) = 0.33 ≥ 0.25; the months since the last activity decide.
        var sixMonths = BarrierIndicators.IrregularParticipation([At("2025-10-01"), At("2025-11-01"), At("2025-12-15")], Now, Policy);
        var fiveMonths = BarrierIndicators.IrregularParticipation([At("2025-10-01"), At("2025-11-01"), At("2025-12-16")], Now, Policy);

        Assert.True(sixMonths.Present);
        Assert.Equal("months-since-last:6", sixMonths.Basis[0]);
        Assert.False(fiveMonths.Present);
        Assert.Equal("months-since-last:5", fiveMonths.Basis[0]);
        Assert.False(BarrierIndicators.IrregularParticipation([], Now, Policy).Assessed);
    }

    [Fact]
    public void AStartedModuleWithoutActivityForNinetyDaysIsAbandoned()
    {
        // 17 Mar → 15 Jun is 14 + 30 + 31 + 15 = 90 days; 18 Mar is 89.
        var modules = new[]
        {
            new ModuleActivity("m1", At("2026-01-01"), null, At("2026-03-17")),
            new ModuleActivity("m2", At("2026-01-01"), null, At("2026-03-18")),
            new ModuleActivity("m3", At("2026-01-01"), At("2026-02-01"), At("2026-02-01")),
        };

        var present = BarrierIndicators.AbandonedModules(modules, Now, Policy);

        Assert.Equal((true, 1d), Shape(present));
        Assert.Equal(["m1"], present.Basis);
        Assert.Equal((false, 0d), Shape(BarrierIndicators.AbandonedModules(modules[1..], Now, Policy)));
        Assert.False(BarrierIndicators.AbandonedModules([], Now, Policy).Assessed);
    }

    [Fact]
    public void ASelfRatingFifteenPointsAboveTwoOrMorePeersIsFlagged()
    {
        var present = BarrierIndicators.SelfAbovePeers(
        [
            new SelfPeerRating("a", 80, 60, 3),
            new SelfPeerRating("b", 70, 60, 2),
            new SelfPeerRating("c", 100, 10, 1),
        ], Policy);

        Assert.Equal((true, 20d), Shape(present));
        Assert.Equal(["a"], present.Basis);
        Assert.Equal((false, 10d), Shape(BarrierIndicators.SelfAbovePeers([new SelfPeerRating("b", 70, 60, 2)], Policy)));
        Assert.False(BarrierIndicators.SelfAbovePeers([new SelfPeerRating("c", 100, 10, 1)], Policy).Assessed);
    }

    [Fact]
    public void ARequestSharingNoWordStemWithTheOfferIsUnmetDemand()
    {
        var offer = OfferIndex.From(["Assessment and feedback on students' code", "Обратная связь по коду студентов", "Бағдарламалау негіздері"]);
        var answers = new BarrierAnswers(Now, new Dictionary<DeclaredBarrier, int>(),
            ["I want to learn about feedback", "Помощь с тайм-менеджментом", "бағдарламаны оқыту", "ok"]);

        var present = BarrierIndicators.UnmetDemand(answers, offer);

        // "feedb" and "бағда" are offered; "тайм" and "менед" are not; "ok" has no word of 4 letters and is not judged.
        Assert.Equal((true, 1d), Shape(present));
        Assert.Equal(["Помощь с тайм-менеджментом"], present.Basis);
        Assert.Equal((false, 0d), Shape(BarrierIndicators.UnmetDemand(answers with { Requests = ["Обратной связи больше"] }, offer)));
        Assert.False(BarrierIndicators.UnmetDemand(answers with { Requests = ["ok"] }, offer).Assessed);
    }

    [Fact]
    public void TheShippedProgrammeOffersFeedbackOnCodeButNotTimeManagement()
    {
        var offer = OfferIndex.From([ShippedContent.Programme(Path.Combine(ShippedContent.Folder, "programmes", "teaching-programming.json"))]);

        Assert.True(offer.Offers("More about feedback on students' code"));
        Assert.True(offer.Offers("Обратная связь студентам"));
        Assert.False(offer.Offers("Тайм-менеджмент"));
    }

    [Fact]
    public void EvaluateGivesEveryDeclaredBarrierThenEveryObservedIndicatorInOrder()
    {
        var results = BarrierIndicators.Evaluate(Inputs(), Policy);

        Assert.Equal(Enum.GetValues<DeclaredBarrier>().Select(b => (IndicatorCode.Declared, (DeclaredBarrier?)b))
                .Concat(Enum.GetValues<IndicatorCode>().Skip(1).Select(c => (c, (DeclaredBarrier?)null))),
            results.Select(r => (r.Code, r.Barrier)));
        Assert.All(results, r => Assert.False(r.Assessed));
    }

    [Fact]
    public void APolicyOutsideItsRangesIsReported()
    {
        Assert.Empty(IndicatorPolicy.Default.Problems());
        Assert.Equal(8, new IndicatorPolicy(5, -1, 0, 0, 2, 0, 0, 0).Problems().Count);
    }

    private static (bool Present, double? Value) Shape(IndicatorResult result) => (result.Present, result.Value);

    private static Dictionary<string, Level> Levels(params (string Code, Level Level)[] levels) =>
        levels.ToDictionary(l => l.Code, l => l.Level, StringComparer.Ordinal);

    private static IndicatorInputs Inputs() =>
        new(null, Levels(), new ComponentScores(null, null, null), [], [], [], [], [], null, OfferIndex.Empty, Now);
}
