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
            problems.Add("$.code", ProblemCodes.InvalidCode, ContentMessages.CodeNotValid(ContentTerms.Framework, framework.Code));
        }

        if (string.IsNullOrWhiteSpace(framework.Version))
        {
            problems.Add("$.version", ProblemCodes.Required, ContentMessages.Missing(ContentTerms.FrameworkVersion));
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
            CheckCode(problems, competencyCodes, competency.Code, $"{path}.code", ContentTerms.Competency);
            if (!Enum.IsDefined(competency.Component))
            {
                problems.Add($"{path}.component", ProblemCodes.UnknownComponent, ContentMessages.CompetencyWithoutComponent(competency.Code));
            }

            var missing = Enum.GetValues<Level>().Where(l => !competency.LevelDescriptors.ContainsKey(l)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{path}.levels", ProblemCodes.LevelCount,
                    ContentMessages.LevelsMissing(competency.Code, 5 - missing.Count, string.Join(", ", missing.Select(ContentNames.Of))));
            }

            if (competency.Indicators.Count == 0)
            {
                problems.Add($"{path}.indicators", ProblemCodes.Required, ContentMessages.CompetencyWithoutIndicators(competency.Code));
            }

            for (var i = 0; i < competency.Indicators.Count; i++)
            {
                CheckCode(problems, indicatorCodes, competency.Indicators[i].Code, $"{path}.indicators[{i}].code", ContentTerms.Indicator);
            }

            if (competency.KnowledgeElements.Count > 0 && competency.Component != Component.Subject)
            {
                problems.Add($"{path}.knowledgeElements", ProblemCodes.ElementOutsideSubject,
                    ContentMessages.ElementOutsideSubject(competency.Code, ContentNames.Of(competency.Component)));
            }

            for (var e = 0; e < competency.KnowledgeElements.Count; e++)
            {
                var element = competency.KnowledgeElements[e];
                var elementPath = $"{path}.knowledgeElements[{e}]";
                CheckCode(problems, elementCodes, element.Code, $"{elementPath}.code", ContentTerms.KnowledgeElement);
                if (!competency.Indicators.Any(i => i.Code == element.Code))
                {
                    problems.Add($"{elementPath}.code", ProblemCodes.ElementWithoutIndicator,
                        ContentMessages.ElementWithoutIndicator(element.Code, competency.Code));
                }

                if (element.StudiedAt.Count == 0)
                {
                    problems.Add($"{elementPath}.levels", ProblemCodes.Required, ContentMessages.ElementNotStudied(element.Code));
                }
            }
        }

        var taskCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < framework.Tasks.Count; t++)
        {
            var task = framework.Tasks[t];
            var path = $"$.tasks[{t}]";
            CheckCode(problems, taskCodes, task.Code, $"{path}.code", ContentTerms.PedagogicalTask);
            if (task.Links.Count == 0)
            {
                problems.Add($"{path}.links", ProblemCodes.Required, ContentMessages.TaskWithoutLinks(task.Code));
            }

            for (var l = 0; l < task.Links.Count; l++)
            {
                var link = task.Links[l];
                var competency = framework.FindCompetency(link.PedagogicalCompetencyCode);
                if (competency is not { Component: Component.Pedagogical })
                {
                    problems.Add($"{path}.links[{l}].competency", ProblemCodes.UnknownCompetency,
                        ContentMessages.TaskLinksToNonPedagogical(task.Code, link.PedagogicalCompetencyCode));
                }

                if (!elementCodes.Contains(link.KnowledgeElementCode))
                {
                    problems.Add($"{path}.links[{l}].element", ProblemCodes.UnknownElement,
                        ContentMessages.TaskLinksToUnknownElement(task.Code, link.KnowledgeElementCode));
                }

                if (!Enum.IsDefined(link.Required))
                {
                    problems.Add($"{path}.links[{l}].level", ProblemCodes.UnknownLevel, ContentMessages.TaskUnknownLevel(task.Code));
                }
            }
        }

        return problems.Items;
    }

    private static void CheckCode(ProblemList problems, HashSet<string> seen, string code, string path, LocalizedText what)
    {
        if (!ContentNames.IsValidCode(code))
        {
            problems.Add(path, ProblemCodes.InvalidCode, ContentMessages.CodeNotValid(what, code));
        }
        else if (!seen.Add(code))
        {
            problems.Add(path, ProblemCodes.DuplicateCode, ContentMessages.CodeUsedTwice(what, code));
        }
    }
}
