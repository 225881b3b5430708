using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Programmes;

/// <summary>Where a teacher stands with one instrument.</summary>
public enum EvidenceState
{
    NotStarted = 0,
    InProgress = 1,
    Submitted = 2,
}

/// <summary>Why a diagnostic's evidence counts or not, as the module page tells the teacher.</summary>
public enum EvidenceVerdict
{
    NotStarted = 0,
    InProgress = 1,

    /// <summary>The evidence meets the diagnostic's criterion.</summary>
    Counts = 2,

    /// <summary>The attempt answered too few items to measure anything ("not enough evidence"): it never counts.</summary>
    NotEnoughEvidence = 3,

    BelowPassMark = 4,

    /// <summary>A practical task handed in and not yet reviewed: handing in is not yet evidence.</summary>
    AwaitingReview = 5,

    ReviewedBelowLevel = 6,

    NotAnsweredInFull = 7,

    /// <summary>The only submissions of this instrument count for another module, and the diagnostic is not shared.</summary>
    CountsForAnotherModule = 8,
}

/// <summary>
/// One submitted attempt as evidence: what the criterion rule needs of it, read from its score on the version it was taken on.
/// </summary>
/// <param name="ModuleCode">The module the attempt was taken for (from that module's page), or null.</param>
/// <param name="EnoughEvidence">The attempt answered (or handed in) the instrument's minimum share of items.</param>
/// <param name="Answered">Items answered or handed in.</param>
/// <param name="Reviewed">No item waits for an instructor.</param>
/// <param name="Percent">The grade as a percentage of its maximum; null for an attempt with not enough evidence.</param>
/// <param name="Level">The level of <paramref name="Percent"/> under the scoring policy; null when there is no percent.</param>
public sealed record SubmissionEvidence(
    string AttemptId,
    string InstrumentCode,
    string? ModuleCode,
    DateTimeOffset SubmittedAt,
    bool EnoughEvidence,
    int Answered,
    int ItemCount,
    bool Reviewed,
    double? Percent,
    Level? Level);

/// <summary>
/// One diagnostic of a module with the evidence used for it and why it counts or not. <see cref="Used"/> is the submission
/// that counts (the first that met the criterion) or, when none does, the newest one considered; <see cref="OtherModule"/>
/// names the module a submission counts for instead, for <see cref="EvidenceVerdict.CountsForAnotherModule"/>.
/// </summary>
public sealed record DiagnosticProgress(Diagnostic Diagnostic, EvidenceState State, EvidenceVerdict Verdict, SubmissionEvidence? Used, string? OtherModule)
{
    public bool Achieved => Verdict == EvidenceVerdict.Counts;

    public double? Percent => Used?.Percent;
}

/// <summary>
/// A module's progress: each diagnostic's evidence, and the module grade as the fraction of required evidence achieved
/// (<see cref="ScoreGiven"/> of <see cref="ScoreMaximum"/>, the shape of an AGS score).
/// </summary>
public sealed record ModuleProgress(IReadOnlyList<DiagnosticProgress> Diagnostics)
{
    public int ScoreGiven => Diagnostics.Count(d => d.Achieved);

    public int ScoreMaximum => Diagnostics.Count;

    /// <summary>Completed when every required diagnostic has evidence that counts (a module always has at least one).</summary>
    public bool IsComplete => ScoreMaximum > 0 && ScoreGiven == ScoreMaximum;
}

/// <summary>
/// The completion rule of a module (domain.md: completion is evidence-based). Only evidence that meets its diagnostic's
/// criterion counts: a test reaches its pass mark, a practical task is reviewed at or above its level (handing it in is not
/// evidence: the work is judged by an instructor), a questionnaire is answered in full. An attempt with not enough evidence
/// never counts.
/// <para>
/// One submission counts for one module (its "home"): the module it was taken for when that module names its instrument
/// without sharing it, otherwise the first module in programme order that names the instrument without sharing it. A
/// diagnostic marked <c>shared</c> also counts any submission of its instrument, whatever its home. So three quick tests taken
/// from the home page complete at most the modules they are the home of, and only if those need nothing else.
/// </para>
/// </summary>
public static class ModuleCompletion
{
    public static ModuleProgress Evaluate(Programme programme, Module module, IEnumerable<SubmissionEvidence> submitted, IEnumerable<string> openInstruments)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(module);
        var all = submitted.OrderBy(s => s.SubmittedAt).ThenBy(s => s.AttemptId, StringComparer.Ordinal).ToList();
        var open = openInstruments.ToHashSet(StringComparer.Ordinal);
        return new ModuleProgress(module.Diagnostics.Select(d => Evaluate(programme, module, d, all, open)).ToList());
    }

    /// <summary>
    /// The module a submission counts for when no diagnostic shares it: the module it was taken for if that module names the
    /// instrument unshared, else the first such module of the programme; null when every module naming it shares it.
    /// </summary>
    public static string? HomeModule(Programme programme, string instrumentCode, string? takenFor)
    {
        ArgumentNullException.ThrowIfNull(programme);
        bool Unshared(Module m) => m.Diagnostics.Any(d => string.Equals(d.InstrumentCode, instrumentCode, StringComparison.Ordinal) && !d.Shared);
        if (takenFor is not null && programme.FindModule(takenFor) is { } chosen && Unshared(chosen))
            return chosen.Code;
        return programme.Modules.FirstOrDefault(Unshared)?.Code;
    }

    /// <summary>Whether one submission meets a criterion, and if not, why.</summary>
    public static EvidenceVerdict Judge(EvidenceCriterion criterion, SubmissionEvidence submission)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(submission);
        if (!submission.EnoughEvidence)
            return EvidenceVerdict.NotEnoughEvidence;
        return criterion.Kind switch
        {
            CriterionKind.PassMark when !submission.Reviewed => EvidenceVerdict.AwaitingReview,
            CriterionKind.PassMark => submission.Percent >= criterion.PassPercent ? EvidenceVerdict.Counts : EvidenceVerdict.BelowPassMark,
            CriterionKind.ReviewedAtLeast when !submission.Reviewed => EvidenceVerdict.AwaitingReview,
            CriterionKind.ReviewedAtLeast => submission.Level >= criterion.Level ? EvidenceVerdict.Counts : EvidenceVerdict.ReviewedBelowLevel,
            CriterionKind.AnsweredInFull => submission.ItemCount > 0 && submission.Answered >= submission.ItemCount
                ? EvidenceVerdict.Counts : EvidenceVerdict.NotAnsweredInFull,
            _ => EvidenceVerdict.NotEnoughEvidence,
        };
    }

    private static DiagnosticProgress Evaluate(Programme programme, Module module, Diagnostic diagnostic, List<SubmissionEvidence> all, HashSet<string> open)
    {
        var ofInstrument = all.Where(s => string.Equals(s.InstrumentCode, diagnostic.InstrumentCode, StringComparison.Ordinal)).ToList();
        var here = diagnostic.Shared
            ? ofInstrument
            : ofInstrument.Where(s => string.Equals(HomeModule(programme, s.InstrumentCode, s.ModuleCode), module.Code, StringComparison.Ordinal)).ToList();
        if (here.FirstOrDefault(s => Judge(diagnostic.Criterion, s) == EvidenceVerdict.Counts) is { } counting)
            return new DiagnosticProgress(diagnostic, EvidenceState.Submitted, EvidenceVerdict.Counts, counting, null);
        if (open.Contains(diagnostic.InstrumentCode))
            return new DiagnosticProgress(diagnostic, EvidenceState.InProgress, EvidenceVerdict.InProgress, here.LastOrDefault(), null);
        if (here.Count > 0)
            return new DiagnosticProgress(diagnostic, EvidenceState.Submitted, Judge(diagnostic.Criterion, here[^1]), here[^1], null);
        if (ofInstrument.Count > 0)
        {
            var last = ofInstrument[^1];
            return new DiagnosticProgress(diagnostic, EvidenceState.Submitted, EvidenceVerdict.CountsForAnotherModule, last,
                HomeModule(programme, last.InstrumentCode, last.ModuleCode));
        }
        return new DiagnosticProgress(diagnostic, EvidenceState.NotStarted, EvidenceVerdict.NotStarted, null, null);
    }
}
