using LtiPD.Domain.Competencies;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Tests.Programmes;

public sealed class ModuleCompletionTests
{
    private static readonly Module Module = new(
        "m", ModuleKind.Invariant, new("M"), new("S"), ["mo"], [StudyForm.Online], 10, [],
        [
            new Diagnostic(DiagnosticAspect.Content, "test", EvidenceCriterion.PassMark(60)),
            new Diagnostic(DiagnosticAspect.Activity, "task", EvidenceCriterion.ReviewedAtLeast(Level.Average)),
            new Diagnostic(DiagnosticAspect.Communicative, "self", EvidenceCriterion.AnsweredInFull),
        ]);

    private static readonly Module Second = new(
        "m2", ModuleKind.Variable, new("M2"), new("S"), ["mo"], [StudyForm.Online], 10, [],
        [new Diagnostic(DiagnosticAspect.Content, "test", EvidenceCriterion.PassMark(50))]);

    private static readonly Programme Programme = new("p", 1, "f", new("P"), new("D"), [new MicroObjective("mo", new("a"), ["c1"])], [Module, Second]);

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static int _ids;

    private static SubmissionEvidence Test(double percent, string? module = null, int minutes = 0) =>
        new($"a{Interlocked.Increment(ref _ids)}", "test", module, Start.AddMinutes(minutes), true, 12, 12, true, percent, null);

    private static SubmissionEvidence Task(bool reviewed, Level? level, string? module = null) =>
        new($"a{Interlocked.Increment(ref _ids)}", "task", module, Start, true, 2, 2, reviewed, reviewed ? 50 : 0, reviewed ? level : null);

    private static SubmissionEvidence Self(int answered, int items = 28, bool enough = true, string? module = null) =>
        new($"a{Interlocked.Increment(ref _ids)}", "self", module, Start, enough, answered, items, true, 70, Level.High);

    private static ModuleProgress Evaluate(Module module, params SubmissionEvidence[] submitted) =>
        ModuleCompletion.Evaluate(Programme, module, submitted, []);

    [Fact]
    public void WithoutEvidenceNothingIsAchievedAndTheModuleIsOpen()
    {
        var progress = Evaluate(Module);

        Assert.All(progress.Diagnostics, d => Assert.Equal((EvidenceState.NotStarted, EvidenceVerdict.NotStarted, false), (d.State, d.Verdict, d.Achieved)));
        Assert.Equal((0, 3), (progress.ScoreGiven, progress.ScoreMaximum));
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public void CompletesWhenTheTestPassedTheTaskWasReviewedAtItsLevelAndTheSelfAnalysisWasAnsweredInFull()
    {
        var progress = Evaluate(Module, Test(60), Task(reviewed: true, Level.Average), Self(28));

        Assert.True(progress.IsComplete);
        Assert.Equal((3, 3), (progress.ScoreGiven, progress.ScoreMaximum));
    }

    [Fact]
    public void APracticalTaskHandedInButNotReviewedDoesNotCount()
    {
        var progress = Evaluate(Module, Test(80), Task(reviewed: false, null), Self(28));

        Assert.Equal((EvidenceState.Submitted, EvidenceVerdict.AwaitingReview, false), (progress.Diagnostics[1].State, progress.Diagnostics[1].Verdict, progress.Diagnostics[1].Achieved));
        Assert.False(progress.IsComplete);
    }

    [Fact]
    public void APracticalTaskReviewedBelowItsLevelDoesNotCount()
    {
        var progress = Evaluate(Module, Task(reviewed: true, Level.Acceptable));

        Assert.Equal(EvidenceVerdict.ReviewedBelowLevel, progress.Diagnostics[1].Verdict);
    }

    [Fact]
    public void ASelfAnalysisWithAnUnansweredItemDoesNotCount()
    {
        var progress = Evaluate(Module, Self(27));

        Assert.Equal(EvidenceVerdict.NotAnsweredInFull, progress.Diagnostics[2].Verdict);
        Assert.Equal(27, progress.Diagnostics[2].Used!.Answered);
    }

    [Fact]
    public void AnAttemptWithNotEnoughEvidenceNeverCounts()
    {
        var progress = Evaluate(Module, new SubmissionEvidence("x", "test", null, Start, false, 0, 12, true, null, null));

        Assert.Equal(EvidenceVerdict.NotEnoughEvidence, progress.Diagnostics[0].Verdict);
    }

    [Fact]
    public void ATestBelowThePassMarkIsSubmittedButDoesNotCount()
    {
        var progress = Evaluate(Module, Test(59.9));

        var test = progress.Diagnostics[0];
        Assert.Equal((EvidenceState.Submitted, EvidenceVerdict.BelowPassMark, 59.9, false), (test.State, test.Verdict, test.Percent, test.Achieved));
    }

    [Fact]
    public void AnAttemptInProgressIsShownButIsNotEvidence()
    {
        var progress = ModuleCompletion.Evaluate(Programme, Module, [], ["task"]);

        Assert.Equal((EvidenceState.InProgress, false), (progress.Diagnostics[1].State, progress.Diagnostics[1].Achieved));
        Assert.Equal(0, progress.ScoreGiven);
    }

    [Fact]
    public void ARetakeThatPassesCountsEvenWhenAnEarlierAttemptFailedAndAnotherIsOpen()
    {
        var passed = Test(75, minutes: 5);
        var progress = ModuleCompletion.Evaluate(Programme, Module, [Test(40), passed], ["test"]);

        Assert.Equal((EvidenceVerdict.Counts, passed.AttemptId), (progress.Diagnostics[0].Verdict, progress.Diagnostics[0].Used!.AttemptId));
    }

    [Fact]
    public void ASubmissionTakenFromNoModuleCountsForTheFirstModuleThatNamesItsInstrumentOnly()
    {
        var test = Test(90);

        Assert.Equal(EvidenceVerdict.Counts, Evaluate(Module, test).Diagnostics[0].Verdict);
        var second = Evaluate(Second, test).Diagnostics[0];
        Assert.Equal((EvidenceVerdict.CountsForAnotherModule, "m"), (second.Verdict, second.OtherModule));
        Assert.False(Evaluate(Second, test).IsComplete);
    }

    [Fact]
    public void ASubmissionTakenForAModuleCountsForThatModuleOnly()
    {
        var test = Test(90, module: "m2");

        Assert.True(Evaluate(Second, test).IsComplete);
        Assert.Equal(EvidenceVerdict.CountsForAnotherModule, Evaluate(Module, test).Diagnostics[0].Verdict);
    }

    [Fact]
    public void ASharedDiagnosticCountsASubmissionThatCountsForAnotherModuleToo()
    {
        var shared = Second with { Diagnostics = [new Diagnostic(DiagnosticAspect.Content, "test", EvidenceCriterion.PassMark(50), Shared: true)] };
        var programme = Programme with { Modules = [Module, shared] };
        var test = Test(90);

        Assert.True(ModuleCompletion.Evaluate(programme, shared, [test], []).IsComplete);
        Assert.Equal(EvidenceVerdict.Counts, ModuleCompletion.Evaluate(programme, Module, [test], []).Diagnostics[0].Verdict);
    }

    [Fact]
    public void EvidenceFromInstrumentsTheModuleDoesNotNameIsIgnored()
    {
        var progress = Evaluate(Module, new SubmissionEvidence("o", "other", null, Start, true, 1, 1, true, 100, Level.Advanced));

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
