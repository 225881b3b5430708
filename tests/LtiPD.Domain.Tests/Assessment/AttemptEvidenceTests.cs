using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Assessment;

/// <summary>An attempt as a whole is evidence only from the policy's minimum share of answered items on.</summary>
public sealed class AttemptEvidenceTests
{
    private static readonly CompetencyFramework Framework = new FrameworkBuilder().Competency("c", Component.Social, "i").Build();

    private static ScoringPlan Plan(int likert)
    {
        var builder = new InstrumentBuilder();
        for (var n = 1; n <= likert; n++)
            builder.Likert($"q{n}", "c", "i");
        return ScoringPlan.Compile(builder.Build(), Framework);
    }

    [Fact]
    public void NoAnswerIsNotEnoughEvidenceAndListsEveryItem()
    {
        var plan = Plan(3);

        var evidence = plan.EvidenceOf(plan.Score([]));

        Assert.Equal((false, 0, 3, 2), (evidence.Enough, evidence.Answered, evidence.ItemCount, evidence.MinimumAnswered));
        Assert.Equal(["q1", "q2", "q3"], evidence.Unanswered);
    }

    [Fact]
    public void TwoOfTwentyEightIsNotEnoughAndSeventeenIs()
    {
        var plan = Plan(28);

        Assert.False(plan.EvidenceOf(plan.Score([new Answer("q1", 3), new Answer("q2", 4)])).Enough);
        var seventeen = plan.EvidenceOf(plan.Score(Enumerable.Range(1, 17).Select(n => new Answer($"q{n}", 3)).ToList()));
        Assert.Equal((true, 17, 17), (seventeen.Enough, seventeen.MinimumAnswered, seventeen.Answered));
        Assert.Equal(11, seventeen.Unanswered.Count);
    }

    [Fact]
    public void APracticalTaskWithOneOfItsTasksHandedInIsEvidenceForItsReviewer()
    {
        var builder = new InstrumentBuilder().RubricTask("t1", "c", "i", "aims=4").RubricTask("t2", "c", "i", "aims=4").RubricTask("t3", "c", "i", "aims=4");
        var plan = ScoringPlan.Compile(builder.Build(), Framework);

        var evidence = plan.EvidenceOf(plan.Score([new Answer("t1", Text: "my plan")]));

        Assert.Equal((true, 1, 1), (evidence.Enough, evidence.Answered, evidence.MinimumAnswered));
        Assert.Equal(["t2", "t3"], evidence.Unanswered);
        Assert.False(plan.EvidenceOf(plan.Score([])).Enough);
    }

    [Fact]
    public void ARefusedAnswerIsMissingEvidence()
    {
        var plan = Plan(1);

        var evidence = plan.EvidenceOf(plan.Score([new Answer("q1", 9)]));

        Assert.Equal(["q1"], evidence.Unanswered);
        Assert.False(evidence.Enough);
    }
}
