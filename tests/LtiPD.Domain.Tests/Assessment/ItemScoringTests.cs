using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Assessment;

/// <summary>Each item kind on its own: one item, one indicator, one competency.</summary>
public sealed class ItemScoringTests
{
    private static readonly CompetencyFramework Framework =
        new FrameworkBuilder().Competency("c", Component.Social, "i").Build();

    [Theory]
    [InlineData(1, 0.0)]   // (1 − 1) / 4
    [InlineData(2, 0.25)]  // (2 − 1) / 4
    [InlineData(3, 0.5)]   // (3 − 1) / 4
    [InlineData(4, 0.75)]  // (4 − 1) / 4
    [InlineData(5, 1.0)]   // (5 − 1) / 4
    public void LikertValueMapsOntoZeroToOne(int value, double expected) =>
        Assert.Equal(expected, ScoreOne(new InstrumentBuilder().Likert("q", "c", "i"), Answers.Likert("q", value)).Fraction);

    [Fact]
    public void ReverseKeyedAgreementScoresLow()
    {
        // Strongly agreeing (5) with "I avoid feedback": 6 − 5 = 1 → (1 − 1) / 4 = 0.
        var item = ScoreOne(new InstrumentBuilder().Likert("q", "c", "i", reverse: true), Answers.Likert("q", 5));
        Assert.Equal(0.0, item.Fraction);
    }

    [Fact]
    public void ReverseKeyedDisagreementScoresHigh()
    {
        // 6 − 2 = 4 → (4 − 1) / 4 = 0.75.
        Assert.Equal(0.75, ScoreOne(new InstrumentBuilder().Likert("q", "c", "i", reverse: true), Answers.Likert("q", 2)).Fraction);
    }

    [Theory]
    [InlineData("b", 1.0)]
    [InlineData("a", 0.0)]
    public void SingleChoiceScoresTheChosenOptionsKey(string chosen, double expected) =>
        Assert.Equal(expected, ScoreOne(new InstrumentBuilder().SingleChoice("q", "c", "i", "a=0", "b=1", "c=0"), Answers.Choose("q", chosen)).Fraction);

    [Theory]
    [InlineData(new[] { "a", "b" }, 1.0)]       // a ✓ chosen, b ✓ chosen, c ✓ not chosen, d ✓ not chosen: 4 / 4
    [InlineData(new[] { "a" }, 0.75)]           // b missed: 3 / 4
    [InlineData(new[] { "a", "c" }, 0.5)]       // b missed, c wrongly chosen: 2 / 4
    [InlineData(new string[0], 0.5)]            // nothing chosen: c and d right, a and b missed: 2 / 4
    [InlineData(new[] { "a", "b", "c", "d" }, 0.5)] // everything chosen: a and b right, c and d wrong: 2 / 4
    public void MultipleChoiceScoresTheShareOfOptionsClassifiedCorrectly(string[] chosen, double expected) =>
        Assert.Equal(expected, ScoreOne(new InstrumentBuilder().MultipleChoice("q", "c", "i", "a=1", "b=1", "c=0", "d=0"), Answers.Choose("q", chosen)).Fraction);

    [Theory]
    [InlineData("best", 1.0)]   // 4 / 4
    [InlineData("good", 0.75)]  // 3 / 4
    [InlineData("weak", 0.25)]  // 1 / 4
    [InlineData("harm", 0.0)]   // 0 / 4
    public void ScenarioScoresTheKeyOverTheBestKey(string chosen, double expected) =>
        Assert.Equal(expected, ScoreOne(new InstrumentBuilder().Scenario("q", "c", "i", "best=4", "good=3", "weak=1", "harm=0"), Answers.Choose("q", chosen)).Fraction);

    [Fact]
    public void RubricTaskScoresPointsOverMaximum()
    {
        // (3 + 1 + 2) / (4 + 2 + 4) = 6 / 10.
        var item = ScoreOne(new InstrumentBuilder().RubricTask("q", "c", "i", "aims=4", "methods=2", "assessment=4"),
            Answers.Rubric("q", "aims=3", "methods=1", "assessment=2"));
        Assert.Equal(ItemState.Scored, item.State);
        Assert.Equal(0.6, item.Fraction!.Value, 12);
    }

    [Fact]
    public void SubmittedRubricTaskIsPendingUntilTheInstructorScoresIt()
    {
        var item = ScoreOne(new InstrumentBuilder().RubricTask("q", "c", "i", "aims=4"), Answers.Submitted("q"));
        Assert.Equal(ItemState.Pending, item.State);
        Assert.Null(item.Fraction);
    }

    [Fact]
    public void PartlyScoredRubricTaskIsStillPending()
    {
        var item = ScoreOne(new InstrumentBuilder().RubricTask("q", "c", "i", "aims=4", "methods=2"), Answers.Rubric("q", "aims=4"));
        Assert.Equal(ItemState.Pending, item.State);
    }

    [Fact]
    public void ItemWithoutAnswerIsUnanswered()
    {
        var score = ScoringPlan.Compile(new InstrumentBuilder().Likert("q", "c", "i").Build(), Framework).Score([]);
        Assert.Equal(new ItemScore("q", ItemState.Unanswered, null), Assert.Single(score.Items));
    }

    [Fact]
    public void EmptySingleChoiceIsUnansweredNotWrong()
    {
        var item = ScoreOne(new InstrumentBuilder().SingleChoice("q", "c", "i", "a=1", "b=0"), Answers.Choose("q"));
        Assert.Equal(ItemState.Unanswered, item.State);
    }

    private static ItemScore ScoreOne(InstrumentBuilder instrument, Answer answer)
    {
        var score = ScoringPlan.Compile(instrument.Build(), Framework).Score([answer]);
        Assert.Empty(score.Problems);
        return Assert.Single(score.Items);
    }
}
