using LtiPD.Domain.Competencies;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Tests.Programmes;

public sealed class ModuleCompletionTests
{
    private static readonly Module Module = new(
        "m", ModuleKind.Invariant, new("M"), new("S"), ["mo"], [StudyForm.Online], 10, [],
        [
            new Diagnostic(DiagnosticAspect.Content, "test", 60),
            new Diagnostic(DiagnosticAspect.Activity, "task", null),
            new Diagnostic(DiagnosticAspect.Communicative, "self", null),
        ]);

    [Fact]
    public void WithoutEvidenceNothingIsAchievedAndTheModuleIsOpen()
    {
        var progress = ModuleCompletion.Evaluate(Module, []);

        Assert.All(progress.Diagnostics, d => Assert.Equal((EvidenceState.NotStarted, false), (d.State, d.Achieved)));
        Assert.Equal((0, 3), (progress.ScoreGiven, progress.ScoreMaximum));
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public void CompletesWhenTheTestPassedAndTheTaskAndSelfAnalysisWereSubmitted()
    {
        var progress = ModuleCompletion.Evaluate(Module,
        [
            new InstrumentEvidence("test", EvidenceState.Submitted, 60),
            new InstrumentEvidence("task", EvidenceState.Submitted, null),
            new InstrumentEvidence("self", EvidenceState.Submitted, 35),
        ]);

        Assert.True(progress.IsComplete);
        Assert.Equal((3, 3), (progress.ScoreGiven, progress.ScoreMaximum));
    }

    [Fact]
    public void ATestBelowTheThresholdIsSubmittedButDoesNotCount()
    {
        var progress = ModuleCompletion.Evaluate(Module,
        [
            new InstrumentEvidence("test", EvidenceState.Submitted, 59.9),
            new InstrumentEvidence("task", EvidenceState.Submitted, null),
            new InstrumentEvidence("self", EvidenceState.Submitted, 80),
        ]);

        var test = progress.Diagnostics[0];
        Assert.Equal((EvidenceState.Submitted, 59.9, false), (test.State, test.Percent, test.Achieved));
        Assert.Equal((2, 3), (progress.ScoreGiven, progress.ScoreMaximum));
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public void AnAttemptInProgressIsShownButIsNotEvidence()
    {
        var progress = ModuleCompletion.Evaluate(Module, [new InstrumentEvidence("task", EvidenceState.InProgress, null)]);

        Assert.Equal((EvidenceState.InProgress, false), (progress.Diagnostics[1].State, progress.Diagnostics[1].Achieved));
        Assert.Equal(0, progress.ScoreGiven);
    }

    [Fact]
    public void ARetakeThatPassesCountsEvenWhenAnEarlierAttemptFailed()
    {
        var progress = ModuleCompletion.Evaluate(Module,
        [
            new InstrumentEvidence("test", EvidenceState.Submitted, 40),
            new InstrumentEvidence("test", EvidenceState.Submitted, 75),
            new InstrumentEvidence("test", EvidenceState.InProgress, null),
        ]);

        Assert.Equal((EvidenceState.Submitted, 75, true), (progress.Diagnostics[0].State, progress.Diagnostics[0].Percent, progress.Diagnostics[0].Achieved));
    }

    [Fact]
    public void EvidenceFromInstrumentsTheModuleDoesNotNameIsIgnored()
    {
        var progress = ModuleCompletion.Evaluate(Module, [new InstrumentEvidence("other", EvidenceState.Submitted, 100)]);

        Assert.Equal(0, progress.ScoreGiven);
    }

    [Fact]
    public void ProgrammeListsTheCompetenciesOfAModuleOnceThroughItsMicroObjectives()
    {
        var programme = new Programme("p", 1, "f", new("P"), new("D"),
            [new MicroObjective("mo", new LocalizedText("a"), ["c1", "c2"]), new MicroObjective("mo2", new LocalizedText("b"), ["c2", "c3"])],
            [Module with { MicroObjectiveCodes = ["mo", "mo2"] }]);

        Assert.Equal(["c1", "c2", "c3"], programme.CompetenciesOf(programme.Modules[0]));
    }
}
