namespace LtiPD.Domain.Programmes;

/// <summary>Where a teacher stands with one instrument.</summary>
public enum EvidenceState
{
    NotStarted = 0,
    InProgress = 1,
    Submitted = 2,
}

/// <summary>
/// A teacher's evidence from one instrument: whether an attempt is open or submitted, and the best submitted result as a
/// percentage of its maximum (null while nothing is submitted or the grade has no maximum).
/// </summary>
public sealed record InstrumentEvidence(string InstrumentCode, EvidenceState State, double? BestPercent);

/// <summary>One diagnostic of a module with the evidence it has and whether that evidence counts.</summary>
public sealed record DiagnosticProgress(Diagnostic Diagnostic, EvidenceState State, double? Percent, bool Achieved);

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
/// The completion rule of a module (domain.md: completion is evidence-based). A content test counts when a submitted attempt
/// reached the pass threshold the programme states; a practical task and a self-analysis count once submitted, because the
/// evidence is the work handed in, whatever an instructor later scores it.
/// </summary>
public static class ModuleCompletion
{
    public static ModuleProgress Evaluate(Module module, IEnumerable<InstrumentEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(module);
        var byInstrument = evidence
            .GroupBy(e => e.InstrumentCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Merge(g), StringComparer.Ordinal);
        return new ModuleProgress(module.Diagnostics.Select(d =>
        {
            var found = byInstrument.GetValueOrDefault(d.InstrumentCode);
            var state = found?.State ?? EvidenceState.NotStarted;
            var percent = state == EvidenceState.Submitted ? found?.BestPercent : null;
            return new DiagnosticProgress(d, state, percent, Counts(d, state, percent));
        }).ToList());
    }

    private static bool Counts(Diagnostic diagnostic, EvidenceState state, double? percent) =>
        state == EvidenceState.Submitted
        && (diagnostic.PassPercent is not { } pass || percent is { } reached && reached >= pass);

    /// <summary>Several records for one instrument: the furthest state and the best submitted result win.</summary>
    private static InstrumentEvidence Merge(IEnumerable<InstrumentEvidence> records)
    {
        var list = records.ToList();
        return new InstrumentEvidence(list[0].InstrumentCode, list.Max(r => r.State), list.Max(r => r.BestPercent));
    }
}
