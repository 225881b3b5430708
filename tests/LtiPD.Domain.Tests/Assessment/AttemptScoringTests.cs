using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Assessment;

/// <summary>From items to indicators, competencies and the LMS grade.</summary>
public sealed class AttemptScoringTests
{
    private static readonly CompetencyFramework Framework = new FrameworkBuilder()
        .Competency("comm", Component.Social, "listens", "explains")
        .Competency("method", Component.Pedagogical, "plans")
        .Build();

    /// <summary>comm: 3 Likert on "listens", 2 single choice on "explains"; method: 1 Likert and 1 rubric on "plans".</summary>
    private static readonly ScoringPlan Plan = ScoringPlan.Compile(new InstrumentBuilder()
        .Likert("l1", "comm", "listens")
        .Likert("l2", "comm", "listens", reverse: true)
        .Likert("l3", "comm", "listens")
        .SingleChoice("e1", "comm", "explains", "a=1", "b=0")
        .SingleChoice("e2", "comm", "explains", "a=1", "b=0")
        .Likert("p1", "method", "plans")
        .RubricTask("p2", "method", "plans", "aims=4", "steps=6")
        .Build(), Framework);

    [Fact]
    public void IndicatorAndCompetencyPercentsAreMeansOfItemFractions()
    {
        var score = Plan.Score([
            Answers.Likert("l1", 5),      // 1
            Answers.Likert("l2", 2),      // reverse: 6 − 2 = 4 → 0.75
            Answers.Likert("l3", 3),      // 0.5
            Answers.Choose("e1", "a"),    // 1
            Answers.Choose("e2", "b"),    // 0
        ]);

        // listens: (1 + 0.75 + 0.5) / 3 × 100 = 75 → High.
        var listens = score.Indicator("comm", "listens")!.Value;
        Assert.Equal((3, 0, 3, Level.High, Evidence.Enough), (listens.Answered, listens.Pending, listens.ItemCount, listens.Level, listens.Evidence));
        Assert.Equal(75.0, listens.Percent!.Value, 9);
        // explains: (1 + 0) / 2 × 100 = 50 → Average.
        Assert.Equal(50.0, score.Indicator("comm", "explains")!.Value.Percent!.Value, 9);
        // comm: each item weighs the same: (1 + 0.75 + 0.5 + 1 + 0) / 5 × 100 = 65 → High (not the mean of 75 and 50).
        var comm = score.Competency("comm")!.Value;
        Assert.Equal(65.0, comm.Percent!.Value, 9);
        Assert.Equal(Level.High, comm.Level);
        Assert.Equal(Component.Social, comm.Component);
    }

    [Fact]
    public void PercentExactlyOnAThresholdTakesTheHigherLevel()
    {
        // l1 (2 − 1) / 4 = 0.25, l2 reverse 6 − 5 = 1 → 0, l3 (4 − 1) / 4 = 0.75, e1 0, e2 0:
        // (0.25 + 0 + 0.75 + 0 + 0) / 5 = 0.2 → 20.0 → Acceptable, not Low.
        var score = Plan.Score([
            Answers.Likert("l1", 2), Answers.Likert("l2", 5), Answers.Likert("l3", 4),
            Answers.Choose("e1", "b"), Answers.Choose("e2", "b")]);
        var comm = score.Competency("comm")!.Value;
        Assert.Equal(20.0, comm.Percent!.Value, 9);
        Assert.Equal(Level.Acceptable, comm.Level);
    }

    [Fact]
    public void CustomThresholdsChangeTheLevel()
    {
        var plan = ScoringPlan.Compile(new InstrumentBuilder().Likert("l1", "comm", "listens").Build(), Framework,
            new ScoringPolicy(AcceptableFrom: 30, AverageFrom: 50, HighFrom: 80, AdvancedFrom: 95));
        // (4 − 1) / 4 = 75 % → High by default, Average here (50 ≤ 75 < 80).
        Assert.Equal(Level.Average, plan.Score([Answers.Likert("l1", 4)]).Competency("comm")!.Value.Level);
    }

    [Fact]
    public void TooFewAnsweredItemsIsNotEnoughEvidenceNotALowScore()
    {
        // 2 of 5 comm items answered: 2 / 5 = 0.4 < 0.6.
        var comm = Plan.Score([Answers.Likert("l1", 5), Answers.Choose("e1", "a")]).Competency("comm")!.Value;
        Assert.Equal(Evidence.NotEnough, comm.Evidence);
        Assert.Equal((2, 5), (comm.Answered, comm.ItemCount));
        Assert.Null(comm.Percent);
        Assert.Null(comm.Level);
    }

    [Fact]
    public void ExactlyTheMinimumShareIsEnough()
    {
        // 3 of 5 answered: 3 / 5 = 0.6 ≥ 0.6. Percent over the answered ones: (0 + 0 + 0.5) / 3 × 100 = 16.67 → Low.
        var comm = Plan.Score([Answers.Likert("l1", 1), Answers.Likert("l2", 5), Answers.Likert("l3", 3)]).Competency("comm")!.Value;
        Assert.Equal(Evidence.Enough, comm.Evidence);
        Assert.Equal(50.0 / 3, comm.Percent!.Value, 9);
        Assert.Equal(Level.Low, comm.Level);
    }

    [Fact]
    public void CompetencyWaitingForARubricScoreIsPending()
    {
        // Only p2 submitted: answered 0 / 2; even with p2 scored (0 + 1) / 2 = 0.5 < 0.6 → NotEnough.
        // p1 answered and p2 submitted: answered 1 / 2 = 0.5 < 0.6, but (1 + 1) / 2 = 1 ≥ 0.6 once scored → Pending.
        var notEnough = Plan.Score([Answers.Submitted("p2")]).Competency("method")!.Value;
        Assert.Equal(Evidence.NotEnough, notEnough.Evidence);

        var pending = Plan.Score([Answers.Likert("p1", 5), Answers.Submitted("p2")]).Competency("method")!.Value;
        Assert.Equal((Evidence.Pending, 1, 1), (pending.Evidence, pending.Answered, pending.Pending));
        Assert.Null(pending.Level);
    }

    [Fact]
    public void GradeIsTheSumOfItemFractionsOverTheItemCount()
    {
        var score = Plan.Score([
            Answers.Likert("l1", 4),                      // 0.75
            Answers.Choose("e1", "a"),                    // 1
            Answers.Rubric("p2", "aims=2", "steps=3"),    // (2 + 3) / 10 = 0.5
        ]);
        // 0.75 + 1 + 0.5 = 2.25 of 7 items; unanswered items give 0.
        Assert.Equal(2.25, score.Grade.ScoreGiven, 12);
        Assert.Equal(7.0, score.Grade.ScoreMaximum);
        Assert.True(score.Grade.GradingComplete);
    }

    [Fact]
    public void GradingIsIncompleteWhileARubricTaskIsPending()
    {
        var score = Plan.Score([Answers.Likert("l1", 4), Answers.Submitted("p2")]);
        Assert.False(score.Grade.GradingComplete);
        Assert.Equal(0.75, score.Grade.ScoreGiven);
    }

    [Fact]
    public void ResultsFollowFrameworkOrderAndCarryTheInstrumentVersion()
    {
        var score = Plan.Score([]);
        Assert.Equal(("inst", 1), (score.InstrumentCode, score.InstrumentVersion));
        Assert.Equal(["comm", "method"], score.Competencies.Select(c => c.Code));
        Assert.Equal(["listens", "explains", "plans"], score.Indicators.Select(i => i.Code));
        Assert.Equal(["l1", "l2", "l3", "e1", "e2", "p1", "p2"], score.Items.Select(i => i.ItemCode));
    }

    [Fact]
    public void AnswerOrderDoesNotMatter()
    {
        Answer[] answers = [Answers.Likert("l1", 5), Answers.Likert("l2", 2), Answers.Choose("e2", "a"), Answers.Likert("p1", 3)];
        var inOrder = Plan.Score(answers);
        var reversed = Plan.Score(answers.Reverse().ToArray());
        Assert.Equal(inOrder.Items, reversed.Items);
        Assert.Equal(inOrder.Competencies, reversed.Competencies);
    }

    [Fact]
    public void OneOffScorerGivesTheSameResultAsAReusedPlan()
    {
        var instrument = new InstrumentBuilder().Likert("l1", "comm", "listens").Build();
        var once = AttemptScorer.Score(instrument, Framework, [Answers.Likert("l1", 4)]);
        var plan = ScoringPlan.Compile(instrument, Framework);
        plan.Score([Answers.Likert("l1", 1)]);
        var reused = plan.Score([Answers.Likert("l1", 4)]);
        Assert.Equal(once.Competencies, reused.Competencies);
        Assert.Equal(once.Grade, reused.Grade);
    }

    [Fact]
    public void LevelsByCodeKeepOnlyWhatHasEnoughEvidence()
    {
        var score = Plan.Score([Answers.Likert("l1", 5), Answers.Likert("l2", 1), Answers.Likert("l3", 5)]);
        // listens: 3 / 3 answered, 100 % → Advanced; explains: 0 / 2; comm: 3 / 5 → 100 % Advanced; method: nothing.
        Assert.Equal(new Dictionary<string, Level> { ["listens"] = Level.Advanced }, score.IndicatorLevels("comm"));
        Assert.Equal(new Dictionary<string, Level> { ["comm"] = Level.Advanced }, score.CompetencyLevels());
    }
}
