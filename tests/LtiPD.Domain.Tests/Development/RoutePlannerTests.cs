using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Domain.Programmes;
using LtiPD.Domain.Tests.Content;
using static LtiPD.Domain.Tests.Development.RouteFixture;

namespace LtiPD.Domain.Tests.Development;

public sealed class RoutePlannerTests
{
    [Fact]
    public void InvariantFirstThenTheFirstMissingLinkThenGapPerHour()
    {
        // Gaps: inv1 0 (soc reached); var-big and var-alt 2 (ped-a Acceptable → High) and fix t1's first missing link,
        // var-alt per hour 0.2 before var-big 0.1; var-small 1/5 = 0.2 and var-sub 2/10 = 0.2 (sub unmeasured counts as Low),
        // a tie kept in programme order.
        var route = Plan();

        Assert.Equal(
            [
                ("inv1", RouteStepState.Next, RouteReason.NoGap),
                ("var-alt", RouteStepState.Planned, RouteReason.FirstMissingLink),
                ("var-big", RouteStepState.Planned, RouteReason.FirstMissingLink),
                ("var-small", RouteStepState.Planned, RouteReason.GapPerHour),
                ("var-sub", RouteStepState.Planned, RouteReason.GapPerHour),
            ],
            Shape(route));
        Assert.Equal([0d, 2, 2, 1, 2], route.Steps.Select(s => s.GapClosed));
        Assert.Equal(["var-alt"], route.Steps[2].Alternatives);
        Assert.Empty(route.Steps[0].Alternatives);
        Assert.Equal(["ped-a"], route.Steps[1].Competencies);
        Assert.All(route.Steps, s => Assert.Null(s.PlannedFinish));
    }

    [Fact]
    public void AnInvariantModuleWithAGapIsGivenAsInvariant()
    {
        var levels = Levels();
        levels["soc"] = Level.Low;

        Assert.Equal(RouteReason.Invariant, Plan(levels).Steps[0].Reason);
    }

    [Fact]
    public void ModulesOfferedInThePreferredFormComeFirstWithinTheirRank()
    {
        var route = Plan(preferences: new RoutePreferences(StudyForm.FullTime, null));

        Assert.Equal(["inv1", "var-big", "var-alt", "var-small", "var-sub"], route.Steps.Select(s => s.ModuleCode));
        Assert.Equal([false, true, false, false, false], route.Steps.Select(s => s.InPreferredForm));
    }

    [Fact]
    public void ThePaceGivesEachStepAheadTheDateItsHoursAreDoneBy()
    {
        // 5 hours a week from 1 Jan: cumulative 10, 20, 40, 45, 55 hours → 14, 28, 56, 63, 77 days.
        var route = Plan(preferences: new RoutePreferences(null, 5));

        Assert.Equal(
            [new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 29), new DateOnly(2026, 2, 26), new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 19)],
            route.Steps.Select(s => s.PlannedFinish));
    }

    [Fact]
    public void ModulesTheTeacherMovedComeFirstInTheTeachersOrder()
    {
        var route = Plan(choices: RouteChoices.Empty with { Order = ["var-sub", "var-small", "unknown-module"] });

        Assert.Equal(
            [
                ("var-sub", RouteStepState.Next, RouteReason.TeacherChoice),
                ("var-small", RouteStepState.Planned, RouteReason.TeacherChoice),
                ("inv1", RouteStepState.Planned, RouteReason.NoGap),
                ("var-alt", RouteStepState.Planned, RouteReason.FirstMissingLink),
                ("var-big", RouteStepState.Planned, RouteReason.FirstMissingLink),
            ],
            Shape(route));
    }

    [Fact]
    public void ASkippedModuleGoesLastAndIsNeverNext()
    {
        var route = Plan(choices: RouteChoices.Empty with { Skipped = new HashSet<string> { "inv1" } }, preferences: new RoutePreferences(null, 5));

        Assert.Equal(("var-alt", RouteStepState.Next, RouteReason.FirstMissingLink), Shape(route).First());
        Assert.Equal(("inv1", RouteStepState.Skipped, RouteReason.NoGap), Shape(route).Last());
        Assert.Null(route.Steps[^1].PlannedFinish);
        Assert.Equal(new DateOnly(2026, 1, 15), route.Steps[0].PlannedFinish);
    }

    [Fact]
    public void AChosenAlternativeTakesThePlaceOfItsModule()
    {
        // An alternative shares a competency: var-alt may replace var-big (both ped-a) and takes var-big's place; var-sub does
        // not share var-small's ped-b, so that choice is not offered and is ignored.
        var route = Plan(choices: RouteChoices.Empty with
        {
            Alternatives = new Dictionary<string, string> { ["var-big"] = "var-alt", ["var-small"] = "var-sub" },
        });

        Assert.Equal(
            [
                ("inv1", RouteStepState.Next, RouteReason.NoGap),
                ("var-alt", RouteStepState.Planned, RouteReason.TeacherChoice),
                ("var-small", RouteStepState.Planned, RouteReason.GapPerHour),
                ("var-sub", RouteStepState.Planned, RouteReason.GapPerHour),
            ],
            Shape(route));
    }

    [Fact]
    public void AnAlternativeToACompletedModuleIsNotTaken()
    {
        var route = Plan(completed: new HashSet<string> { "var-big" }, choices: RouteChoices.Empty with
        {
            Alternatives = new Dictionary<string, string> { ["var-big"] = "var-alt" },
        });

        Assert.Equal(("var-big", RouteStepState.Done, RouteReason.FirstMissingLink), Shape(route).First());
        Assert.Equal(("var-alt", RouteStepState.Planned, RouteReason.FirstMissingLink), Shape(route).ElementAt(2));
    }

    [Fact]
    public void ReplanningAfterEvidenceMarksTheCompletedModuleDoneAndDropsClosedGaps()
    {
        // inv1 completed; ped-a now High: var-big and var-alt close nothing and leave the route. t1's first missing link is now
        // ped-b, so var-small comes before var-sub.
        var levels = Levels();
        levels["ped-a"] = Level.High;

        var route = Plan(levels, new HashSet<string> { "inv1" });

        Assert.Equal(
            [
                ("inv1", RouteStepState.Done, RouteReason.NoGap),
                ("var-small", RouteStepState.Next, RouteReason.FirstMissingLink),
                ("var-sub", RouteStepState.Planned, RouteReason.GapPerHour),
            ],
            Shape(route));
    }

    [Fact]
    public void AModuleWithoutAGapReturnsWhenTheTeacherMovesItIn()
    {
        var levels = Levels();
        levels["ped-a"] = Level.High;

        var route = Plan(levels, choices: RouteChoices.Empty with { Order = ["var-big"] });

        Assert.Equal(("var-big", RouteStepState.Next, RouteReason.TeacherChoice), Shape(route).First());
    }

    [Fact]
    public void TheSameInputsGiveTheSameFingerprintAndDatesDoNotChangeIt()
    {
        var first = Plan(preferences: new RoutePreferences(null, 5));
        var again = Plan(preferences: new RoutePreferences(null, 5));
        var tomorrow = Plan(preferences: new RoutePreferences(null, 5), today: Today.AddDays(1));
        var reordered = Plan(choices: RouteChoices.Empty with { Order = ["var-sub"] });

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.Equal(first.Fingerprint, tomorrow.Fingerprint);
        Assert.NotEqual(first.Fingerprint, reordered.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", first.Fingerprint);
    }

    [Fact]
    public void TheSameProgrammeWithAnotherFrameworkIsPlannedOnThatFramework()
    {
        Plan();

        var route = RoutePlanner.Plan(RouteFixture.Programme, Framework with { Tasks = [] }, Target, Levels(), Elements(), new HashSet<string>(),
            RoutePreferences.None, RouteChoices.Empty, Today);

        // Without task t1 nothing is a missing link: var-alt, var-small and var-sub close 0.2 levels an hour, var-big 0.1.
        Assert.Equal(["inv1", "var-small", "var-sub", "var-alt", "var-big"], route.Steps.Select(s => s.ModuleCode));
        Assert.DoesNotContain(route.Steps, s => s.Reason == RouteReason.FirstMissingLink);
    }

    [Fact]
    public void ANewTeacherOfTheShippedProgrammeTakesTheInvariantModulesThenTheVariableOneClosingMostPerHour()
    {
        // Nothing measured: every target counts from Low and no task link is missing (unknown is not missing).
        // digital-collaboration: four competencies at Average, 4 × 2 = 8 levels in 16 hours = 0.5 an hour;
        // programming-fundamentals: sub-programming High, 3 levels in 30 hours = 0.1 an hour.
        var programme = ShippedContent.Programme(Path.Combine(ShippedContent.Folder, "programmes", "teaching-programming.json"));
        var target = ShippedContent.Targets().For(programme.Code, CareerStage.EarlyCareer, TrainingStage.ProfessionalDevelopment)!;

        var route = RoutePlanner.Plan(programme, ShippedContent.DefaultFramework(), target, new Dictionary<string, Level>(), new Dictionary<string, Level>(),
            new HashSet<string>(), RoutePreferences.None, RouteChoices.Empty, Today);

        Assert.Equal(
            [
                ("course-design", RouteStepState.Next, RouteReason.Invariant),
                ("reflective-practice", RouteStepState.Planned, RouteReason.Invariant),
                ("feedback-on-code", RouteStepState.Planned, RouteReason.Invariant),
                ("digital-collaboration", RouteStepState.Planned, RouteReason.GapPerHour),
                ("programming-fundamentals", RouteStepState.Planned, RouteReason.GapPerHour),
            ],
            Shape(route));
        Assert.Equal([8d, 3], route.Steps.TakeLast(2).Select(s => s.GapClosed));
    }
}
