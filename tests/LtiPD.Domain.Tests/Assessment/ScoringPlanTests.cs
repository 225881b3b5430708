using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Assessment;

/// <summary>An instrument that cannot be scored unambiguously is refused when compiled, not when a teacher answers it.</summary>
public sealed class ScoringPlanTests
{
    private static readonly CompetencyFramework Framework = new FrameworkBuilder().Competency("c", Component.Social, "i").Build();

    [Fact]
    public void WellFormedInstrumentHasNoProblems() =>
        Assert.Empty(ScoringPlan.Check(new InstrumentBuilder().Likert("q", "c", "i").SingleChoice("s", "c", "i", "a=1", "b=0").Build(), Framework));

    public static TheoryData<string, InstrumentBuilder> Broken => new()
    {
        { "Competency 'x' is not in framework", new InstrumentBuilder().Likert("q", "x", "i") },
        { "Indicator 'y' is not an indicator", new InstrumentBuilder().Likert("q", "c", "y") },
        { "used more than once", new InstrumentBuilder().Likert("q", "c", "i").Likert("q", "c", "i") },
        { "needs options", new InstrumentBuilder().SingleChoice("q", "c", "i") },
        { "at least one correct option", new InstrumentBuilder().SingleChoice("q", "c", "i", "a=0", "b=0") },
        { "scores are finite and not negative", new InstrumentBuilder().Scenario("q", "c", "i", "a=2", "b=-1") },
        { "scenario key needs at least one option", new InstrumentBuilder().Scenario("q", "c", "i", "a=0") },
        { "Option code 'a' is used more than once", new InstrumentBuilder().MultipleChoice("q", "c", "i", "a=1", "a=0") },
        { "needs a rubric", new InstrumentBuilder().RubricTask("q", "c", "i") },
        { "it must be at least 1", new InstrumentBuilder().RubricTask("q", "c", "i", "aims=0") },
        { "no items", new InstrumentBuilder() },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenInstrumentIsRefusedWithAProblemThatSaysWhy(string expected, InstrumentBuilder instrument)
    {
        var problems = ScoringPlan.Check(instrument.Build(), Framework);
        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => ScoringPlan.Compile(instrument.Build(), Framework));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InstrumentOfAnotherFrameworkIsRefused()
    {
        var problem = Assert.Single(ScoringPlan.Check(new InstrumentBuilder("other").Likert("q", "c", "i").Build(), Framework));
        Assert.Null(problem.ItemCode);
    }

    [Fact]
    public void InvalidPolicyIsRefusedAtCompileNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ScoringPlan.Compile(new InstrumentBuilder().Likert("q", "c", "i").Build(), Framework, new ScoringPolicy(MinAnsweredShare: 0)));
        Assert.Contains(nameof(ScoringPolicy.MinAnsweredShare), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoiceItemWithMoreThanSixtyFourOptionsIsRefused()
    {
        var options = Enumerable.Range(0, 65).Select(i => new ItemOption($"o{i}", new LocalizedText("o"), i == 0 ? 1 : 0)).ToList();
        var instrument = new InstrumentBuilder().Add(new Item("q", "c", "i", ItemKind.MultipleChoice, new LocalizedText("q"), false, options, null)).Build();
        Assert.Contains(ScoringPlan.Check(instrument, Framework), p => p.Message.Contains("at most 64", StringComparison.Ordinal));
    }

    [Fact]
    public void MultipleChoiceWithSixtyFourOptionsScoresEveryBit()
    {
        // Option 0 correct, all 64 chosen: option 0 right, the 63 wrong options wrongly chosen → 1 / 64.
        var options = Enumerable.Range(0, 64).Select(i => new ItemOption($"o{i}", new LocalizedText("o"), i == 0 ? 1 : 0)).ToList();
        var instrument = new InstrumentBuilder().Add(new Item("q", "c", "i", ItemKind.MultipleChoice, new LocalizedText("q"), false, options, null)).Build();
        var score = ScoringPlan.Compile(instrument, Framework).Score([Answers.Choose("q", options.Select(o => o.Code).ToArray())]);
        Assert.Equal(1.0 / 64, score.Items[0].Fraction);
    }
}
