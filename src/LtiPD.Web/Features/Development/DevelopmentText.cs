using System.Globalization;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Modules;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Development;

/// <summary>The words of issue 11's pages in the reader's language: stages, indicators, reasons, trends and the codes a basis names.</summary>
public sealed class DevelopmentText(IStringLocalizer<SharedResource> t)
{
    public LocalizedString this[string key] => t[key];

    public LocalizedString this[string key, params object[] arguments] => t[key, arguments];

    public string Stage(CareerStage stage) => t["Dev.Stage." + stage];

    public string Training(TrainingStage training) => t["Dev.Training." + training];

    public string Barrier(DeclaredBarrier barrier) => t["Dev.Barrier." + barrier];

    public string Indicator(IndicatorCode code, DeclaredBarrier? barrier) =>
        code == IndicatorCode.Declared ? t["Dev.Indicator.Declared", Barrier(barrier!.Value)] : t["Dev.Indicator." + code];

    /// <summary>What the indicator means, with its value where it has one.</summary>
    public string About(IndicatorResult result, CultureInfo culture) =>
        result.Code == IndicatorCode.Declared
            ? t["Dev.About.Declared", (result.Value ?? 0).ToString("0", culture)]
            : t["Dev.About." + result.Code, (result.Value ?? 0).ToString("0.##", culture)];

    public string Reason(RouteReason reason) => t["Dev.Reason." + reason];

    public string State(RouteStepState state) => t["Dev.State." + state];

    public string Trend(Trend trend) => t["Dev.Trend." + trend];

    public string Cause(RecomputeCause cause) => t["Dev.Cause." + cause];

    public string Change(RouteChange change, Func<string, string> module) => t["Dev.Change." + change.Kind, module(change.ModuleCode)];

    /// <summary>The name of a competency, knowledge element or module a basis names, in the reader's language; the code when none.</summary>
    public string Named(IReadOnlyList<CatalogProgramme> programmes, string code, CultureInfo culture)
    {
        foreach (var p in programmes)
        {
            if (p.Framework.FindCompetency(code) is { } competency)
                return competency.Name.For(culture.Name);
            foreach (var c in p.Framework.Competencies)
            {
                if (c.KnowledgeElements.FirstOrDefault(e => e.Code == code) is { } element)
                    return element.Name.For(culture.Name);
            }
            if (p.Framework.Tasks.FirstOrDefault(task => task.Code == code) is { } pedagogicalTask)
                return pedagogicalTask.Name.For(culture.Name);
            if (p.Programme.FindModule(code) is { } module)
                return module.Title.For(culture.Name);
        }
        return code;
    }

    /// <summary>A basis entry as words: "task:competency:element" becomes the three names joined.</summary>
    public string Basis(IReadOnlyList<CatalogProgramme> programmes, string entry, CultureInfo culture) =>
        string.Join(" → ", entry.Split(':').Select(part => Named(programmes, part, culture)));

    public string Competency(IReadOnlyList<CatalogProgramme> programmes, string code, CultureInfo culture) => Named(programmes, code, culture);

    public string TrajectoryDescription(TrajectorySummary s, string name, CultureInfo culture)
    {
        var current = s.Current is { } level ? ((int)level).ToString(culture) : "—";
        var target = s.Target is { } goal ? ((int)goal).ToString(culture) : "—";
        return t["Dev.TrajectoryDescription", name, current, target, Trend(s.Trend), s.Points];
    }
}
