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
                    ContentMessages.ProfileTwice(ContentNames.Of(profile.Stage), TrainingName(profile.Training)));
            }

            if (profile.Targets.Count == 0)
                problems.Add($"{path}.targets", ProblemCodes.Required, ContentMessages.ProfileWithoutTargets());

            foreach (var (code, level) in profile.Targets)
            {
                if (!Enum.IsDefined(level))
                    problems.Add($"{path}.targets['{code}']", ProblemCodes.UnknownLevel, ContentMessages.TargetNotALevel(code, ContentNames.Expected<Level>()));
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
                ContentMessages.ProgrammeOfOtherFramework(programme.Code, programme.FrameworkCode, framework.Code));
        }

        var reported = false;
        for (var p = 0; p < set.Profiles.Count; p++)
        {
            var profile = set.Profiles[p];
            if (!reported && !string.Equals(profile.ProgrammeCode, programme.Code, StringComparison.Ordinal))
            {
                problems.Add("$.programme", ProblemCodes.WrongProgramme,
                    ContentMessages.ProfilesOfOtherProgramme(profile.ProgrammeCode, programme.Code));
                reported = true;
            }

            foreach (var code in profile.Targets.Keys)
            {
                if (framework.FindCompetency(code) is null)
                {
                    problems.Add($"$.profiles[{p}].targets['{code}']", ProblemCodes.UnknownCompetency,
                        ContentMessages.ProfileUnknownCompetency(ContentNames.Of(profile.Stage), TrainingName(profile.Training), code, framework.Code));
                }
            }
        }

        foreach (var stage in Enum.GetValues<CareerStage>())
        {
            if (!set.Profiles.Any(p => p.Stage == stage && p.Training is null))
            {
                problems.Add("$.profiles", ProblemCodes.StageMissing,
                    ContentMessages.StageWithoutGeneralProfile(ContentNames.Of(stage)));
            }
        }

        return problems.Items;
    }

    private static string? TrainingName(TrainingStage? training) => training is { } t ? ContentNames.Of(t) : null;
}
