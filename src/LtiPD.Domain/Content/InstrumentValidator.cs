using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// Checks an instrument so that scoring never meets an item it cannot score: the shape of each
/// item for its kind, and (with the framework) that every item maps to an existing indicator.
/// </summary>
public static class InstrumentValidator
{
    /// <summary>Rules that need only the instrument.</summary>
    public static IReadOnlyList<ContentProblem> Validate(Instrument instrument)
    {
        var problems = new ProblemList();
        if (instrument.Items.Count == 0)
        {
            problems.Add("$.items", ProblemCodes.Required, ContentMessages.InstrumentWithoutItems());
        }

        var allowed = ContentNames.ItemKindsFor(instrument.Kind);
        var itemCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            var path = $"$.items[{i}]";
            if (!itemCodes.Add(item.Code))
            {
                problems.Add($"{path}.code", ProblemCodes.DuplicateCode, ContentMessages.CodeUsedTwice(ContentTerms.Item, item.Code));
            }

            if (!allowed.Contains(item.Kind))
            {
                problems.Add($"{path}.kind", ProblemCodes.KindMismatch,
                    ContentMessages.ItemKindNotAllowed(ContentNames.Of(instrument.Kind), ContentNames.Of(item.Kind), string.Join(", ", allowed.Select(ContentNames.Of))));
            }

            CheckShape(problems, item, path);
        }

        return problems.Items;
    }

    /// <summary>All rules, including that every item maps to a competency and one of its indicators.</summary>
    public static IReadOnlyList<ContentProblem> Validate(Instrument instrument, CompetencyFramework framework)
    {
        var problems = new ProblemList();
        problems.AddRange(Validate(instrument));
        if (!string.Equals(instrument.FrameworkCode, framework.Code, StringComparison.Ordinal))
        {
            problems.Add("$.framework", ProblemCodes.WrongFramework,
                ContentMessages.WrittenForOtherFramework(ContentTerms.Instrument, instrument.FrameworkCode, framework.Code));
        }

        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            var competency = framework.FindCompetency(item.CompetencyCode);
            if (competency is null)
            {
                problems.Add($"$.items[{i}].competency", ProblemCodes.UnknownCompetency,
                    ContentMessages.ItemUnknownCompetency(item.Code, item.CompetencyCode));
            }
            else if (!competency.Indicators.Any(x => x.Code == item.IndicatorCode))
            {
                problems.Add($"$.items[{i}].indicator", ProblemCodes.UnknownIndicator,
                    ContentMessages.ItemUnknownIndicator(item.Code, item.IndicatorCode, competency.Code));
            }
        }

        return problems.Items;
    }

    private static void CheckShape(ProblemList problems, Item item, string path)
    {
        var optionCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var o = 0; o < item.Options.Count; o++)
        {
            if (!optionCodes.Add(item.Options[o].Code))
            {
                problems.Add($"{path}.options[{o}].code", ProblemCodes.DuplicateCode, ContentMessages.OptionCodeUsedTwice(item.Options[o].Code, item.Code));
            }

            if (double.IsNaN(item.Options[o].Score) || item.Options[o].Score < 0)
            {
                problems.Add($"{path}.options[{o}].score", ProblemCodes.AnswerKey, ContentMessages.OptionNegativeScore(item.Options[o].Code));
            }
        }

        var hasOptions = item.Options.Count > 0;
        if (item.Kind is ItemKind.Likert or ItemKind.RubricTask && hasOptions)
        {
            problems.Add($"{path}.options", ProblemCodes.OptionsNotAllowed, ContentMessages.OptionsNotAllowed(ContentNames.Of(item.Kind), item.Code));
        }

        if (item.Kind is ItemKind.SingleChoice or ItemKind.MultipleChoice or ItemKind.Scenario && item.Options.Count < 2)
        {
            problems.Add($"{path}.options", ProblemCodes.OptionsMissing, ContentMessages.OptionsMissing(ContentNames.Of(item.Kind), item.Code));
        }

        if (item.ReverseKeyed && item.Kind != ItemKind.Likert)
        {
            problems.Add($"{path}.reverseKeyed", ProblemCodes.ReverseKeyNotAllowed, ContentMessages.ReverseKeyNotAllowed(item.Code, ContentNames.Of(item.Kind)));
        }

        if (item.Kind == ItemKind.RubricTask)
        {
            if (item.Rubric is null || item.Rubric.Criteria.Count == 0)
            {
                problems.Add($"{path}.rubric", ProblemCodes.RubricMissing, ContentMessages.RubricMissing(item.Code));
            }
            else
            {
                var criterionCodes = new HashSet<string>(StringComparer.Ordinal);
                for (var c = 0; c < item.Rubric.Criteria.Count; c++)
                {
                    var criterion = item.Rubric.Criteria[c];
                    if (!criterionCodes.Add(criterion.Code))
                    {
                        problems.Add($"{path}.rubric.criteria[{c}].code", ProblemCodes.DuplicateCode, ContentMessages.CriterionCodeUsedTwice(criterion.Code, item.Code));
                    }

                    if (criterion.MaxPoints <= 0)
                    {
                        problems.Add($"{path}.rubric.criteria[{c}].maxPoints", ProblemCodes.InvalidValue, ContentMessages.CriterionWithoutPoints(criterion.Code));
                    }
                }
            }
        }
        else if (item.Rubric is not null)
        {
            problems.Add($"{path}.rubric", ProblemCodes.RubricNotAllowed, ContentMessages.RubricNotAllowed(item.Code, ContentNames.Of(item.Kind)));
        }

        if (!hasOptions)
        {
            return;
        }

        var correct = item.Options.Count(o => o.Score > 0);
        var notBinary = item.Options.Any(o => o.Score is not (0 or 1));
        switch (item.Kind)
        {
            case ItemKind.SingleChoice when notBinary || correct != 1:
                problems.Add($"{path}.options", ProblemCodes.AnswerKey, ContentMessages.SingleChoiceKey(item.Code));
                break;
            case ItemKind.MultipleChoice when notBinary || correct < 1:
                problems.Add($"{path}.options", ProblemCodes.AnswerKey, ContentMessages.MultipleChoiceKey(item.Code));
                break;
            case ItemKind.Scenario when correct < 1:
                problems.Add($"{path}.options", ProblemCodes.AnswerKey, ContentMessages.ScenarioKey(item.Code));
                break;
        }
    }
}
