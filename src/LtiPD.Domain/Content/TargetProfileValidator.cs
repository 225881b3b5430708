using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Content;

/// <summary>
/// Checks target profiles so that every teacher of the programme gets one: one profile per (stage, training stage), levels that
/// exist, and (with the programme and its framework) the programme's code, competencies of its framework, and a general profile
/// (no training stage) for every career stage.
/// </summary>
public static class TargetProfileValidator
{
    /// <summary>Rules that need only the profiles.</summary>
    public static IReadOnlyList<ContentProblem> Validate(TargetProfileSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var problems = new ProblemList();
        var seen = new HashSet<(CareerStage, TrainingStage?)>();
        for (var p = 0; p < set.Profiles.Count; p++)
        {
            var profile = set.Profiles[p];
            var path = $"$.profiles[{p}]";
            if (!seen.Add((profile.Stage, profile.Training)))
            {
                problems.Add($"{path}.stage", ProblemCodes.DuplicateCode,
                    $"There is already a profile for {ContentNames.Of(profile.Stage)}{TrainingName(profile.Training)}.");
            }

            if (profile.Targets.Count == 0)
                problems.Add($"{path}.targets", ProblemCodes.Required, "The profile sets no target; name at least one competency and its level.");

            foreach (var (code, level) in profile.Targets)
            {
                if (!Enum.IsDefined(level))
                    problems.Add($"{path}.targets['{code}']", ProblemCodes.UnknownLevel, $"The target of \"{code}\" is not a level; expected one of {ContentNames.Expected<Level>()}.");
            }
        }

        return problems.Items;
    }

    /// <summary>All rules, including the programme's code, its framework's competencies and every career stage covered.</summary>
    public static IReadOnlyList<ContentProblem> Validate(TargetProfileSet set, Programme programme, CompetencyFramework framework)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(framework);
        var problems = new ProblemList();
        problems.AddRange(Validate(set));
        if (!string.Equals(programme.FrameworkCode, framework.Code, StringComparison.Ordinal))
        {
            problems.Add("$.programme", ProblemCodes.WrongFramework,
                $"Programme \"{programme.Code}\" is written for framework \"{programme.FrameworkCode}\", not \"{framework.Code}\".");
        }

        var reported = false;
        for (var p = 0; p < set.Profiles.Count; p++)
        {
            var profile = set.Profiles[p];
            if (!reported && !string.Equals(profile.ProgrammeCode, programme.Code, StringComparison.Ordinal))
            {
                problems.Add("$.programme", ProblemCodes.WrongProgramme,
                    $"The profiles are written for programme \"{profile.ProgrammeCode}\", not \"{programme.Code}\".");
                reported = true;
            }

            foreach (var code in profile.Targets.Keys)
            {
                if (framework.FindCompetency(code) is null)
                {
                    problems.Add($"$.profiles[{p}].targets['{code}']", ProblemCodes.UnknownCompetency,
                        $"The profile for {ContentNames.Of(profile.Stage)}{TrainingName(profile.Training)} names competency \"{code}\", which framework \"{framework.Code}\" does not have.");
                }
            }
        }

        foreach (var stage in Enum.GetValues<CareerStage>())
        {
            if (!set.Profiles.Any(p => p.Stage == stage && p.Training is null))
            {
                problems.Add("$.profiles", ProblemCodes.StageMissing,
                    $"No general profile (without \"training\") for career stage \"{ContentNames.Of(stage)}\": teachers at that stage would have no target.");
            }
        }

        return problems.Items;
    }

    private static string TrainingName(TrainingStage? training) =>
        training is { } t ? $" in {ContentNames.Of(t)}" : " (general)";
}
