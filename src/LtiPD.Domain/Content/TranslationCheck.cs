using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Content;

/// <summary>
/// Finds texts without a Russian or Kazakh translation. A missing translation is not an error
/// (pages fall back to English) but shipped content should have none.
/// </summary>
public static class TranslationCheck
{
    public static IReadOnlyList<ContentProblem> Missing(CompetencyFramework framework)
    {
        var problems = new ProblemList();
        Check(problems, framework.Title, "$.title");
        Check(problems, framework.Description, "$.description");
        for (var c = 0; c < framework.Competencies.Count; c++)
        {
            var competency = framework.Competencies[c];
            var path = $"$.competencies[{c}]";
            Check(problems, competency.Name, $"{path}.name");
            Check(problems, competency.Description, $"{path}.description");
            foreach (var (level, text) in competency.LevelDescriptors)
            {
                Check(problems, text, $"{path}.levels.{ContentNames.Of(level)}");
            }

            for (var i = 0; i < competency.Indicators.Count; i++)
            {
                Check(problems, competency.Indicators[i].Text, $"{path}.indicators[{i}].text");
            }

            for (var e = 0; e < competency.KnowledgeElements.Count; e++)
            {
                Check(problems, competency.KnowledgeElements[e].Name, $"{path}.knowledgeElements[{e}].name");
            }
        }

        for (var t = 0; t < framework.Tasks.Count; t++)
        {
            Check(problems, framework.Tasks[t].Name, $"$.tasks[{t}].name");
        }

        return problems.Items;
    }

    public static IReadOnlyList<ContentProblem> Missing(Instrument instrument)
    {
        var problems = new ProblemList();
        Check(problems, instrument.Title, "$.title");
        Check(problems, instrument.Introduction, "$.introduction");
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var item = instrument.Items[i];
            Check(problems, item.Text, $"$.items[{i}].text");
            for (var o = 0; o < item.Options.Count; o++)
            {
                Check(problems, item.Options[o].Text, $"$.items[{i}].options[{o}].text");
            }

            for (var c = 0; c < (item.Rubric?.Criteria.Count ?? 0); c++)
            {
                Check(problems, item.Rubric!.Criteria[c].Description, $"$.items[{i}].rubric.criteria[{c}].description");
            }
        }

        return problems.Items;
    }

    public static IReadOnlyList<ContentProblem> Missing(Programme programme)
    {
        var problems = new ProblemList();
        Check(problems, programme.Title, "$.title");
        Check(problems, programme.Description, "$.description");
        for (var o = 0; o < programme.MicroObjectives.Count; o++)
        {
            Check(problems, programme.MicroObjectives[o].Text, $"$.microObjectives[{o}].text");
        }

        for (var m = 0; m < programme.Modules.Count; m++)
        {
            var module = programme.Modules[m];
            Check(problems, module.Title, $"$.modules[{m}].title");
            Check(problems, module.Summary, $"$.modules[{m}].summary");
            for (var s = 0; s < module.Materials.Count; s++)
            {
                Check(problems, module.Materials[s].Heading, $"$.modules[{m}].materials[{s}].heading");
                Check(problems, module.Materials[s].Body, $"$.modules[{m}].materials[{s}].body");
            }

            CheckCredential(problems, module.Credential, $"$.modules[{m}].credential");
        }

        CheckCredential(problems, programme.Credential, "$.credential");
        return problems.Items;
    }

    private static void CheckCredential(ProblemList problems, CredentialDeclaration? credential, string path)
    {
        if (credential is null)
            return;
        Check(problems, credential.Title, $"{path}.title");
        Check(problems, credential.Description, $"{path}.description");
        Check(problems, credential.Criteria, $"{path}.criteria");
    }

    private static void Check(ProblemList problems, LocalizedText text, string path)
    {
        if (string.IsNullOrWhiteSpace(text.En))
        {
            problems.Add($"{path}.en", ProblemCodes.TranslationMissing, ContentMessages.EnglishMissing());
        }

        if (string.IsNullOrWhiteSpace(text.Ru))
        {
            problems.Add($"{path}.ru", ProblemCodes.TranslationMissing, ContentMessages.RussianMissing());
        }

        if (string.IsNullOrWhiteSpace(text.Kk))
        {
            problems.Add($"{path}.kk", ProblemCodes.TranslationMissing, ContentMessages.KazakhMissing());
        }
    }
}
