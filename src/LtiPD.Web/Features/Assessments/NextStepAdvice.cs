using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Profiles;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// What to do next, from given levels: the weakest measured competency's next level, the pyramid's weak component (when a
/// balance is given), and the first missing link of each task chain. The result page gives it one attempt's levels, the
/// profile page the levels across attempts.
/// </summary>
internal static class NextStepAdvice
{
    public static List<string> Build(IStringLocalizer t, CompetencyFramework framework, IReadOnlyDictionary<string, Level> pedagogical,
        IReadOnlyDictionary<string, Level> elements, IReadOnlyList<CompetencyScore> competencies, PyramidBalance? balance, bool chains,
        Func<LocalizedText, string> text)
    {
        string Name(string code) => framework.FindCompetency(code) is { } c ? text(c.Name) : code;
        string LevelText(Level level) => text(ContentNames.LevelName(level));
        var steps = new List<string>();
        var weakest = competencies.Where(c => c.Level is not null).OrderBy(c => c.Percent).FirstOrDefault();
        if (weakest.Level is { } level && level < Level.Advanced
            && framework.FindCompetency(weakest.Code)?.LevelDescriptors.TryGetValue(level + 1, out var next) == true)
            steps.Add(t["Result.NextCompetency", Name(weakest.Code), LevelText(level + 1), text(next!)]);
        if (balance?.Distortion is Distortion.WeakPedagogical or Distortion.WeakSubject or Distortion.WeakSocial)
            steps.Add(t["Result.NextComponent", text(ContentNames.ComponentName(balance.Weakest!.Value))]);
        foreach (var task in chains ? framework.Tasks : [])
        {
            var evaluation = TaskChain.Evaluate(task, pedagogical, elements);
            if (evaluation.FirstMissing is { } missing)
            {
                var element = framework.Of(Component.Subject).SelectMany(s => s.KnowledgeElements)
                    .FirstOrDefault(e => e.Code == missing.Link.KnowledgeElementCode);
                steps.Add(t["Result.NextChain", text(task.Name), Name(missing.Link.PedagogicalCompetencyCode),
                    element is null ? missing.Link.KnowledgeElementCode : text(element.Name), LevelText(missing.Link.Required)]);
            }
        }
        if (steps.Count == 0)
            steps.Add(t["Result.NextNone"]);
        return steps;
    }
}

/// <summary>What the KSA matrix partial shows: a subject competency, its matrix, and the reader's language.</summary>
public sealed record KsaView(Competency Subject, KsaMatrix Matrix, Func<LocalizedText, string> Text);
