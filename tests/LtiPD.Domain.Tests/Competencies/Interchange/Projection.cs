using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Tests.Competencies.Interchange;

/// <summary>A framework as a single-language format carries it: each text in one language slot, English as fallback.</summary>
internal static class Projection
{
    public static CompetencyFramework OneLanguage(CompetencyFramework f, string language, bool withTasks = true)
    {
        LocalizedText T(LocalizedText text)
        {
            var value = text.For(language);
            return language switch
            {
                "ru" => new(value, Ru: value),
                "kk" => new(value, Kk: value),
                _ => new(value),
            };
        }

        return f with
        {
            Title = T(f.Title),
            Description = T(f.Description),
            Competencies = f.Competencies.Select(c => c with
            {
                Name = T(c.Name),
                Description = T(c.Description),
                LevelDescriptors = c.LevelDescriptors.ToDictionary(d => d.Key, d => T(d.Value)),
                Indicators = c.Indicators.Select(i => i with { Text = T(i.Text) }).ToList(),
                KnowledgeElements = c.KnowledgeElements.Select(e => e with { Name = T(e.Name) }).ToList(),
            }).ToList(),
            Tasks = withTasks ? f.Tasks.Select(t => t with { Name = T(t.Name) }).ToList() : [],
        };
    }
}
