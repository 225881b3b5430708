using System.Globalization;
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
        { "maps to competency \"x\", which the framework does not have", new InstrumentBuilder().Likert("q", "x", "i") },
        { "maps to indicator \"y\", which is not an indicator of \"c\"", new InstrumentBuilder().Likert("q", "c", "y") },
        { "used more than once", new InstrumentBuilder().Likert("q", "c", "i").Likert("q", "c", "i") },
        { "needs options", new InstrumentBuilder().SingleChoice("q", "c", "i") },
        { "at least one correct option", new InstrumentBuilder().SingleChoice("q", "c", "i", "a=0", "b=0") },
        { "scores are finite and not negative", new InstrumentBuilder().Scenario("q", "c", "i", "a=2", "b=-1") },
        { "Scenario \"q\" needs at least one option with a key score above 0", new InstrumentBuilder().Scenario("q", "c", "i", "a=0") },
        { "Option code \"a\" is used more than once", new InstrumentBuilder().MultipleChoice("q", "c", "i", "a=1", "a=0") },
        { "needs a rubric", new InstrumentBuilder().RubricTask("q", "c", "i") },
        { "must be worth at least one point", new InstrumentBuilder().RubricTask("q", "c", "i", "aims=0") },
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
    public void AnOptionCodeUsedTwiceIsReportedInRussianAndKazakh()
    {
        var problem = Assert.Single(ScoringPlan.Check(new InstrumentBuilder().MultipleChoice("q", "c", "i", "a=1", "a=0").Build(), Framework));

        Assert.Equal("q", problem.ItemCode);
        Assert.Equal("Option code \"a\" is used more than once in item \"q\".", problem.Message);
        Assert.Equal("Код варианта ответа «a» используется в вопросе «q» более одного раза.", problem.Text.For("ru"));
        Assert.Equal("«a» жауап нұсқасының коды «q» сұрағында бірнеше рет қолданылған.", problem.Text.For("kk-KZ"));
    }

    [Fact]
    public void AKeyScoreIsWrittenWithAPointWhateverTheCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
        try
        {
            var problem = Assert.Single(ScoringPlan.Check(new InstrumentBuilder().Scenario("q", "c", "i", "a=2", "b=-1.5").Build(), Framework));

            Assert.Equal("У варианта ответа «b» ключевой балл: -1.5; балл должен быть конечным и неотрицательным.", problem.Text.For("ru"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
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
