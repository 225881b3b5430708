using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Development;

/// <summary>
/// The image of the "desired teacher" (seed 001, stage I of the methodological system) for one programme and career stage,
/// optionally narrowed to a training stage: the level each competency should reach.
/// </summary>
/// <param name="Training">Null for the stage's general profile, used when no profile names the teacher's training stage.</param>
/// <param name="Targets">Competency code → target level.</param>
public sealed record TargetProfile(string ProgrammeCode, CareerStage Stage, TrainingStage? Training, IReadOnlyDictionary<string, Level> Targets);

/// <summary>The target profiles of one or more programmes, as a designer writes them (<c>ltipd-targets/1</c>).</summary>
public sealed record TargetProfileSet(IReadOnlyList<TargetProfile> Profiles)
{
    /// <summary>The profile naming the teacher's exact training stage first, then the stage's general profile (training null).</summary>
    public TargetProfile? For(string programmeCode, CareerStage stage, TrainingStage training)
    {
        TargetProfile? general = null;
        foreach (var profile in Profiles)
        {
            if (profile.Stage != stage || !string.Equals(profile.ProgrammeCode, programmeCode, StringComparison.Ordinal))
                continue;
            if (profile.Training == training)
                return profile;
            if (profile.Training is null)
                general ??= profile;
        }
        return general;
    }
}

/// <summary>The distance from a teacher's level to the target on one competency.</summary>
/// <param name="Current">The measured level; null when the competency has not been measured.</param>
/// <param name="Levels">Levels still to climb, 0 when the target is reached.</param>
public sealed record CompetencyGap(string CompetencyCode, Level? Current, Level Target, int Levels)
{
    public bool Measured => Current is not null;
}

/// <summary>
/// Gaps (deficits, seed 001 stage "diagnose, compute gaps"). An unmeasured competency counts as if at <see cref="Level.Low"/>:
/// the route must still lead the teacher to it (its module's diagnostics will measure it), but assuming less than the lowest
/// described level would rank it above a competency measured as Low. <see cref="CompetencyGap.Current"/> stays null so a page
/// can say "not measured yet" rather than "low".
/// </summary>
public static class Gaps
{
    /// <returns>One gap per target competency, including reached ones (Levels 0), in ordinal code order.</returns>
    public static IReadOnlyList<CompetencyGap> Of(TargetProfile target, IReadOnlyDictionary<string, Level> current)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(current);
        var gaps = new List<CompetencyGap>(target.Targets.Count);
        foreach (var (code, level) in target.Targets)
            gaps.Add(Of(code, level, current));
        gaps.Sort((a, b) => string.CompareOrdinal(a.CompetencyCode, b.CompetencyCode));
        return gaps;
    }

    internal static CompetencyGap Of(string code, Level target, IReadOnlyDictionary<string, Level> current)
    {
        Level? measured = current.TryGetValue(code, out var level) ? level : null;
        return new CompetencyGap(code, measured, target, Math.Max(0, (int)target - (int)(measured ?? Level.Low)));
    }
}
