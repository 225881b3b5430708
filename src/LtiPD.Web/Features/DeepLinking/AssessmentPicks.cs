using System.Globalization;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Lti.DeepLinking;
using LtiPD.Lti.Messages;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Modules;

namespace LtiPD.Web.Features.DeepLinking;

/// <summary>The picker's search and filters. Empty parts match everything.</summary>
/// <param name="Language">"en", "ru" or "kk": instruments whose title, introduction and items are all written in it.</param>
public sealed record CatalogueQuery(string? Search, Component? Component, string? Language)
{
    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "kk"];

    /// <summary>Search looks at the title and introduction as the designer reads them (the session's language).</summary>
    public bool Matches(CatalogInstrument entry, CultureInfo culture)
    {
        var instrument = entry.Instrument;
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var search = Search.Trim();
            if (!Contains(instrument.Title.For(culture.Name), search, culture) && !Contains(instrument.Introduction.For(culture.Name), search, culture))
                return false;
        }
        if (Component is { } component && !Covers(entry, component))
            return false;
        return string.IsNullOrEmpty(Language) || IsWrittenIn(instrument, Language);
    }

    /// <summary>Search looks at the module's title and summary as the designer reads them.</summary>
    public bool Matches(CatalogModule entry, CultureInfo culture)
    {
        var module = entry.Module;
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var search = Search.Trim();
            if (!Contains(module.Title.For(culture.Name), search, culture) && !Contains(module.Summary.For(culture.Name), search, culture))
                return false;
        }
        if (Component is { } component && !entry.Programme.ComponentsOf(module).Contains(component))
            return false;
        return string.IsNullOrEmpty(Language) || IsWrittenIn(module, Language);
    }

    /// <summary>A module is written in a language when its title, summary and every section of its materials are.</summary>
    public static bool IsWrittenIn(Domain.Programmes.Module module, string language) =>
        language == "en" || (Has(module.Title, language) && Has(module.Summary, language)
            && module.Materials.All(m => Has(m.Heading, language) && Has(m.Body, language)));

    /// <summary>An instrument belongs to a component when any of its items measures a competency of that component.</summary>
    public static bool Covers(CatalogInstrument entry, Component component) =>
        entry.Instrument.Items.Any(item => entry.Framework.FindCompetency(item.CompetencyCode)?.Component == component);

    /// <summary>English is always there (it is the required text); another language only when nothing falls back to English.</summary>
    public static bool IsWrittenIn(Instrument instrument, string language) =>
        language == "en" || (Has(instrument.Title, language) && Has(instrument.Introduction, language) && instrument.Items.All(i => Has(i.Text, language)));

    private static bool Has(LocalizedText text, string language) => !string.IsNullOrWhiteSpace(language switch
    {
        "ru" => text.Ru,
        "kk" => text.Kk,
        "en" => text.En,
        _ => null,
    });

    private static bool Contains(string text, string search, CultureInfo culture) =>
        culture.CompareInfo.IndexOf(text, search, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;
}

/// <summary>
/// What the designer entered for one chosen item, as typed. <paramref name="Code"/> is the value of the choice: an instrument
/// code, or <see cref="AssessmentPicks.ModulePrefix"/> and a module code (the two kinds share one list of radio buttons).
/// </summary>
public sealed record PickInput(string Code, string? Title, string? Points);

/// <summary>Why a choice was refused: a stable code, the choice it concerns (when one), and the limits that apply.</summary>
public sealed record PickProblem(string Code, string? Instrument = null);

/// <summary>
/// Turns the designer's choice into the content items of the response (Deep Linking 2.0 §3.1): one ltiResourceLink per
/// instrument or module, launching the tool with a custom parameter that names it (ltipd_instrument or ltipd_module), with a
/// gradebook column when the platform creates them. Nothing is built unless every choice is valid.
/// </summary>
public static class AssessmentPicks
{
    public const int MaxTitleLength = 255;
    public const int MinPoints = 1;
    public const int MaxPoints = 1000;

    public const string NothingChosen = "pick_nothing_chosen";
    public const string UnknownInstrument = "pick_unknown_instrument";
    public const string UnknownModule = "pick_unknown_module";

    /// <summary>Marks a module among the choices, so a module and an instrument of the same code are never confused.</summary>
    public const string ModulePrefix = "module:";

    /// <summary>A module is graded as the fraction of its evidence achieved; a hundred points reads as a percentage.</summary>
    public const int ModulePoints = 100;
    public const string TitleInvalid = "pick_title_invalid";
    public const string PointsInvalid = "pick_points_invalid";

    /// <summary>One point per item: the scale a teacher sees in the tool, so the gradebook reads the same.</summary>
    public static int DefaultPoints(Instrument instrument) => Math.Clamp(instrument.Items.Count, MinPoints, MaxPoints);

    public static (IReadOnlyList<ContentItem> Items, IReadOnlyList<PickProblem> Problems) Build(
        IReadOnlyList<PickInput> picks, IReadOnlyList<CatalogInstrument> catalogue, IReadOnlyList<CatalogModule> modules,
        DeepLinkingSettingsClaim settings, Uri launchUrl)
    {
        ArgumentNullException.ThrowIfNull(picks);
        ArgumentNullException.ThrowIfNull(settings);
        if (picks.Count == 0)
            return ([], [new PickProblem(NothingChosen)]);

        var problems = new List<PickProblem>();
        var items = new List<ContentItem>();
        foreach (var pick in picks)
        {
            string parameter, code;
            if (pick.Code.StartsWith(ModulePrefix, StringComparison.Ordinal))
            {
                code = pick.Code[ModulePrefix.Length..];
                parameter = LinkedItem.ModuleParameter;
                if (!modules.Any(m => m.Module.Code == code))
                {
                    problems.Add(new PickProblem(UnknownModule, pick.Code));
                    continue;
                }
            }
            else
            {
                code = pick.Code;
                parameter = LinkedItem.InstrumentParameter;
                if (!catalogue.Any(c => c.Instrument.Code == code))
                {
                    problems.Add(new PickProblem(UnknownInstrument, pick.Code));
                    continue;
                }
            }
            var title = pick.Title?.Trim() ?? "";
            if (title.Length is 0 or > MaxTitleLength)
                problems.Add(new PickProblem(TitleInvalid, pick.Code));
            if (!int.TryParse(pick.Points?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var points) || points is < MinPoints or > MaxPoints)
                problems.Add(new PickProblem(PointsInvalid, pick.Code));
            items.Add(Item(parameter, code, title, points, settings, launchUrl));
        }
        return problems.Count > 0 ? ([], problems) : (items, []);
    }

    private static LtiResourceLinkItem Item(string parameter, string code, string title, int points, DeepLinkingSettingsClaim settings, Uri launchUrl)
    {
        var (iframe, window) = Presentation(settings.AcceptPresentationDocumentTargets);
        return new LtiResourceLinkItem
        {
            Title = title,
            Url = launchUrl,
            Custom = new Dictionary<string, string>(StringComparer.Ordinal) { [parameter] = code },
            // §4.4.1 accept_lineitem: false means the platform ignores line items, so none is sent. auto_create is not about
            // line items (it says whether the platform persists the items without asking its user) and does not change this.
            LineItem = settings.AcceptLineItem == false
                ? null
                : new DeepLinkLineItem(points) { Label = title, ResourceId = code, Tag = LinkedItem.LineItemTag },
            Iframe = iframe,
            Window = window,
        };
    }

    /// <summary>
    /// The tool works framed (platform storage covers blocked cookies) and in a window, so it asks for an iframe when the platform
    /// offers one, else a window; when the platform names no targets, or only ones we do not name (Moodle's "frame"), the item
    /// asks for none and the platform decides.
    /// </summary>
    private static (IframePresentation?, WindowPresentation?) Presentation(IReadOnlyList<string>? targets) =>
        targets switch
        {
            null => (null, null),
            _ when targets.Contains(PresentationTargets.Iframe, StringComparer.Ordinal) => (new IframePresentation(), null),
            _ when targets.Contains(PresentationTargets.Window, StringComparer.Ordinal) => (null, new WindowPresentation()),
            _ => (null, null),
        };
}
