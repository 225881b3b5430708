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
            problems.Add("$.items", ProblemCodes.Required, "The instrument has no items.");
        }

        var allowed = ContentNames.ItemKindsFor(instrument.Kind);
        var itemCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            var path = $"$.items[{i}]";
            if (!itemCodes.Add(item.Code))
            {
                problems.Add($"{path}.code", ProblemCodes.DuplicateCode, $"The item code \"{item.Code}\" is used more than once.");
            }

            if (!allowed.Contains(item.Kind))
            {
                problems.Add($"{path}.kind", ProblemCodes.KindMismatch,
                    $"A {ContentNames.Of(instrument.Kind)} instrument cannot hold a {ContentNames.Of(item.Kind)} item; allowed: {string.Join(", ", allowed.Select(ContentNames.Of))}.");
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
                $"The instrument is written for framework \"{instrument.FrameworkCode}\", not \"{framework.Code}\".");
        }

        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            var competency = framework.FindCompetency(item.CompetencyCode);
            if (competency is null)
            {
                problems.Add($"$.items[{i}].competency", ProblemCodes.UnknownCompetency,
                    $"Item \"{item.Code}\" maps to competency \"{item.CompetencyCode}\", which the framework does not have.");
            }
            else if (!competency.Indicators.Any(x => x.Code == item.IndicatorCode))
            {
                problems.Add($"$.items[{i}].indicator", ProblemCodes.UnknownIndicator,
                    $"Item \"{item.Code}\" maps to indicator \"{item.IndicatorCode}\", which is not an indicator of \"{competency.Code}\".");
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
                problems.Add($"{path}.options[{o}].code", ProblemCodes.DuplicateCode, $"Option code \"{item.Options[o].Code}\" is used more than once in item \"{item.Code}\".");
            }

            if (double.IsNaN(item.Options[o].Score) || item.Options[o].Score < 0)
            {
                problems.Add($"{path}.options[{o}].score", ProblemCodes.AnswerKey, $"Option \"{item.Options[o].Code}\" has a negative or missing key score.");
            }
        }

        var hasOptions = item.Options.Count > 0;
        if (item.Kind is ItemKind.Likert or ItemKind.RubricTask && hasOptions)
        {
            problems.Add($"{path}.options", ProblemCodes.OptionsNotAllowed, $"{ContentNames.Of(item.Kind)} item \"{item.Code}\" must not have options.");
        }

        if (item.Kind is ItemKind.SingleChoice or ItemKind.MultipleChoice or ItemKind.Scenario && item.Options.Count < 2)
        {
            problems.Add($"{path}.options", ProblemCodes.OptionsMissing, $"{ContentNames.Of(item.Kind)} item \"{item.Code}\" needs at least two options.");
        }

        if (item.ReverseKeyed && item.Kind != ItemKind.Likert)
        {
            problems.Add($"{path}.reverseKeyed", ProblemCodes.ReverseKeyNotAllowed, $"Only Likert items can be reverse-keyed; \"{item.Code}\" is {ContentNames.Of(item.Kind)}.");
        }

        if (item.Kind == ItemKind.RubricTask)
        {
            if (item.Rubric is null || item.Rubric.Criteria.Count == 0)
            {
                problems.Add($"{path}.rubric", ProblemCodes.RubricMissing, $"Rubric task \"{item.Code}\" needs a rubric with at least one criterion.");
            }
            else
            {
                var criterionCodes = new HashSet<string>(StringComparer.Ordinal);
                for (var c = 0; c < item.Rubric.Criteria.Count; c++)
                {
                    var criterion = item.Rubric.Criteria[c];
                    if (!criterionCodes.Add(criterion.Code))
                    {
                        problems.Add($"{path}.rubric.criteria[{c}].code", ProblemCodes.DuplicateCode, $"Criterion code \"{criterion.Code}\" is used more than once in item \"{item.Code}\".");
                    }

                    if (criterion.MaxPoints <= 0)
                    {
                        problems.Add($"{path}.rubric.criteria[{c}].maxPoints", ProblemCodes.InvalidValue, $"Criterion \"{criterion.Code}\" must be worth at least one point.");
                    }
                }
            }
        }
        else if (item.Rubric is not null)
        {
            problems.Add($"{path}.rubric", ProblemCodes.RubricNotAllowed, $"Only rubric tasks have a rubric; \"{item.Code}\" is {ContentNames.Of(item.Kind)}.");
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
                problems.Add($"{path}.options", ProblemCodes.AnswerKey, $"Single-choice item \"{item.Code}\" must have exactly one option scored 1 and the rest scored 0.");
                break;
            case ItemKind.MultipleChoice when notBinary || correct < 1:
                problems.Add($"{path}.options", ProblemCodes.AnswerKey, $"Multiple-choice item \"{item.Code}\" must score its options 1 (correct) or 0, with at least one correct.");
                break;
            case ItemKind.Scenario when correct < 1:
                problems.Add($"{path}.options", ProblemCodes.AnswerKey, $"Scenario \"{item.Code}\" needs at least one option with a key score above 0.");
                break;
        }
    }
}
