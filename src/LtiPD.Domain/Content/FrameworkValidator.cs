using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// The rules a framework obeys whichever file it came from (native, CASE, Moodle CSV). Paths are
/// those of the native document, so a problem points at the same place after a round trip.
/// </summary>
public static class FrameworkValidator
{
    public static IReadOnlyList<ContentProblem> Validate(CompetencyFramework framework)
    {
        var problems = new ProblemList();
        if (!ContentNames.IsValidCode(framework.Code))
        {
            problems.Add("$.code", ProblemCodes.InvalidCode, $"The framework code \"{framework.Code}\" must be non-empty without spaces, commas or quotes.");
        }

        if (string.IsNullOrWhiteSpace(framework.Version))
        {
            problems.Add("$.version", ProblemCodes.Required, "The framework version is missing.");
        }

        // Indicator codes are unique across the framework, not only within a competency: Moodle ID
        // numbers are unique per framework, and an item names its indicator by code.
        var competencyCodes = new HashSet<string>(StringComparer.Ordinal);
        var indicatorCodes = new HashSet<string>(StringComparer.Ordinal);
        var elementCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < framework.Competencies.Count; c++)
        {
            var competency = framework.Competencies[c];
            var path = $"$.competencies[{c}]";
            CheckCode(problems, competencyCodes, competency.Code, $"{path}.code", "competency");
            if (!Enum.IsDefined(competency.Component))
            {
                problems.Add($"{path}.component", ProblemCodes.UnknownComponent, $"Competency \"{competency.Code}\" has no known component.");
            }

            var missing = Enum.GetValues<Level>().Where(l => !competency.LevelDescriptors.ContainsKey(l)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{path}.levels", ProblemCodes.LevelCount,
                    $"Competency \"{competency.Code}\" describes {5 - missing.Count} of the five levels; missing: {string.Join(", ", missing.Select(ContentNames.Of))}.");
            }

            if (competency.Indicators.Count == 0)
            {
                problems.Add($"{path}.indicators", ProblemCodes.Required, $"Competency \"{competency.Code}\" has no indicators; every item maps to one.");
            }

            for (var i = 0; i < competency.Indicators.Count; i++)
            {
                CheckCode(problems, indicatorCodes, competency.Indicators[i].Code, $"{path}.indicators[{i}].code", "indicator");
            }

            if (competency.KnowledgeElements.Count > 0 && competency.Component != Component.Subject)
            {
                problems.Add($"{path}.knowledgeElements", ProblemCodes.ElementOutsideSubject,
                    $"Competency \"{competency.Code}\" is {ContentNames.Of(competency.Component)}; only subject competencies have knowledge elements.");
            }

            for (var e = 0; e < competency.KnowledgeElements.Count; e++)
            {
                var element = competency.KnowledgeElements[e];
                var elementPath = $"{path}.knowledgeElements[{e}]";
                CheckCode(problems, elementCodes, element.Code, $"{elementPath}.code", "knowledge element");
                if (!competency.Indicators.Any(i => i.Code == element.Code))
                {
                    problems.Add($"{elementPath}.code", ProblemCodes.ElementWithoutIndicator,
                        $"Knowledge element \"{element.Code}\" must also be listed as an indicator of \"{competency.Code}\" with the same code, so items can map to it.");
                }

                if (element.StudiedAt.Count == 0)
                {
                    problems.Add($"{elementPath}.levels", ProblemCodes.Required, $"Knowledge element \"{element.Code}\" is not studied at any level.");
                }
            }
        }

        var taskCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < framework.Tasks.Count; t++)
        {
            var task = framework.Tasks[t];
            var path = $"$.tasks[{t}]";
            CheckCode(problems, taskCodes, task.Code, $"{path}.code", "pedagogical task");
            if (task.Links.Count == 0)
            {
                problems.Add($"{path}.links", ProblemCodes.Required, $"Pedagogical task \"{task.Code}\" has no links.");
            }

            for (var l = 0; l < task.Links.Count; l++)
            {
                var link = task.Links[l];
                var competency = framework.FindCompetency(link.PedagogicalCompetencyCode);
                if (competency is not { Component: Component.Pedagogical })
                {
                    problems.Add($"{path}.links[{l}].competency", ProblemCodes.UnknownCompetency,
                        $"Task \"{task.Code}\" links to \"{link.PedagogicalCompetencyCode}\", which is not a pedagogical competency of this framework.");
                }

                if (!elementCodes.Contains(link.KnowledgeElementCode))
                {
                    problems.Add($"{path}.links[{l}].element", ProblemCodes.UnknownElement,
                        $"Task \"{task.Code}\" links to \"{link.KnowledgeElementCode}\", which is not a knowledge element of this framework.");
                }

                if (!Enum.IsDefined(link.Required))
                {
                    problems.Add($"{path}.links[{l}].level", ProblemCodes.UnknownLevel, $"Task \"{task.Code}\" requires an unknown level.");
                }
            }
        }

        return problems.Items;
    }

    private static void CheckCode(ProblemList problems, HashSet<string> seen, string code, string path, string what)
    {
        if (!ContentNames.IsValidCode(code))
        {
            problems.Add(path, ProblemCodes.InvalidCode, $"The {what} code \"{code}\" must be non-empty without spaces, commas or quotes.");
        }
        else if (!seen.Add(code))
        {
            problems.Add(path, ProblemCodes.DuplicateCode, $"The {what} code \"{code}\" is used more than once.");
        }
    }
}
