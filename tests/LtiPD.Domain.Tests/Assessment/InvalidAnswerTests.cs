using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Assessment;

/// <summary>A refused answer is reported and its item counts as unanswered: never scored, not even as 0.</summary>
public sealed class InvalidAnswerTests
{
    private static readonly CompetencyFramework Framework = new FrameworkBuilder().Competency("c", Component.Social, "i").Build();

    private static readonly ScoringPlan Plan = ScoringPlan.Compile(new InstrumentBuilder()
        .Likert("likert", "c", "i")
        .SingleChoice("single", "c", "i", "a=1", "b=0")
        .MultipleChoice("multi", "c", "i", "a=1", "b=0")
        .Scenario("scenario", "c", "i", "a=2", "b=1")
        .RubricTask("rubric", "c", "i", "aims=4")
        .Build(), Framework);

    public static TheoryData<Answer, string, AnswerProblemKind> Refused => new()
    {
        { Answers.Likert("likert", 0), "likert", AnswerProblemKind.LikertOutOfRange },
        { Answers.Likert("likert", 6), "likert", AnswerProblemKind.LikertOutOfRange },
        { Answers.Choose("likert", "a"), "likert", AnswerProblemKind.WrongShape },
        { Answers.Choose("single", "z"), "single", AnswerProblemKind.UnknownOption },
        { Answers.Choose("single", "a", "b"), "single", AnswerProblemKind.SeveralOptions },
        { Answers.Likert("single", 3), "single", AnswerProblemKind.WrongShape },
        { Answers.Choose("multi", "a", "z"), "multi", AnswerProblemKind.UnknownOption },
        { Answers.Choose("multi", "a", "a"), "multi", AnswerProblemKind.UnknownOption },
        { Answers.Choose("scenario", "a", "b"), "scenario", AnswerProblemKind.SeveralOptions },
        { Answers.Rubric("rubric", "aims=5"), "rubric", AnswerProblemKind.RubricPointsOutOfRange },
        { Answers.Rubric("rubric", "aims=-1"), "rubric", AnswerProblemKind.RubricPointsOutOfRange },
        { Answers.Rubric("rubric", "aims=2", "style=1"), "rubric", AnswerProblemKind.UnknownCriterion },
        { Answers.Likert("rubric", 4), "rubric", AnswerProblemKind.WrongShape },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void InvalidAnswerIsReportedAndItsItemCountsAsUnanswered(Answer answer, string itemCode, AnswerProblemKind kind)
    {
        var score = Plan.Score([answer]);

        var problem = Assert.Single(score.Problems);
        Assert.Equal(itemCode, problem.ItemCode);
        Assert.Equal(kind, problem.Kind);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        var item = score.Items.Single(i => i.ItemCode == itemCode);
        Assert.Equal(ItemState.Invalid, item.State);
        Assert.Null(item.Fraction);
        Assert.Equal(0, score.Competencies[0].Answered);
        Assert.Equal(0.0, score.Grade.ScoreGiven);
    }

    [Fact]
    public void AnswerToAnItemTheInstrumentDoesNotHaveIsReported()
    {
        var score = Plan.Score([Answers.Likert("ghost", 3), Answers.Likert("likert", 5)]);

        var problem = Assert.Single(score.Problems);
        Assert.Equal(("ghost", AnswerProblemKind.UnknownItem), (problem.ItemCode, problem.Kind));
        Assert.Equal(1.0, score.Items.Single(i => i.ItemCode == "likert").Fraction);
    }

    [Fact]
    public void TwoAnswersToOneItemRefuseTheItemRatherThanPickOne()
    {
        var score = Plan.Score([Answers.Likert("likert", 5), Answers.Likert("likert", 1)]);

        Assert.Equal(AnswerProblemKind.DuplicateAnswer, Assert.Single(score.Problems).Kind);
        Assert.Equal(ItemState.Invalid, score.Items.Single(i => i.ItemCode == "likert").State);
    }

    [Fact]
    public void ValidAnswersNextToAnInvalidOneAreStillScored()
    {
        var score = Plan.Score([Answers.Likert("likert", 9), Answers.Choose("single", "a"), Answers.Choose("scenario", "b")]);

        Assert.Single(score.Problems);
        // single 1 + scenario 1 / 2 = 1.5 points of 5 items.
        Assert.Equal(new LmsGrade(1.5, 5, true), score.Grade);
    }
}
