using LtiPD.Web.Features.Modules;

namespace LtiPD.Web.Features.Feedback;

/// <summary>One module's answers under its title.</summary>
public sealed record ModuleFeedbackView(string ModuleCode, string Title, ModuleFeedbackSummary Summary);

/// <summary>The modules of one programme with their answers, in the programme's order.</summary>
public sealed record ProgrammeFeedbackView(string ProgrammeCode, string Title, IReadOnlyList<ModuleFeedbackView> Modules);

/// <summary>
/// Every module of the current programmes with what its answers may show, for a course's designers or for administrators. A
/// module nobody answered about is listed as suppressed, like a small group: "no answers" and "too few answers" read the same.
/// </summary>
public sealed record FeedbackOverview(IReadOnlyList<ProgrammeFeedbackView> Programmes, int MinimumGroup)
{
    public static FeedbackOverview Of(
        IReadOnlyList<CatalogProgramme> programmes, IReadOnlyList<ModuleFeedbackSummary> summaries, ModuleSatisfaction satisfaction, string language)
    {
        var found = summaries.ToDictionary(s => (s.ProgrammeCode, s.ModuleCode));
        return new(
            programmes.Select(p => new ProgrammeFeedbackView(
                p.Programme.Code,
                p.Programme.Title.For(language),
                p.Programme.Modules.Select(m => new ModuleFeedbackView(
                    m.Code,
                    m.Title.For(language),
                    found.GetValueOrDefault((p.Programme.Code, m.Code)) ?? satisfaction.None(p.Programme.Code, m.Code))).ToList())).ToList(),
            satisfaction.MinimumGroup);
    }
}
