using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Lti;
using LtiPD.Lti.DeepLinking;
using LtiPD.Lti.Messages;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Shared;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.DeepLinking;

/// <summary>
/// The content picker of a deep-linking launch (Deep Linking 2.0 §4.4): a course designer searches and filters the assessments
/// and micro-credential modules,
/// chooses one (or several when the platform accepts several), names each and gives its points, and the browser carries the
/// signed LtiDeepLinkingResponse back to the platform. Search and filters are a GET form and the choice a POST form, so the
/// page works without JavaScript; script only saves the click on the final "continue".
/// </summary>
public sealed class PickModel(
    AssessmentCatalog catalog,
    ProgrammeCatalog programmes,
    DeepLinkingRequests requests,
    DeepLinkingResponseBuilder builder,
    AttachedItems attached,
    IStringLocalizer<SharedResource> text,
    ILogger<PickModel> logger) : SessionPageModel
{
    public const string ChosenField = "chosen";

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "component")] public Component? Component { get; set; }
    [BindProperty(SupportsGet = true, Name = "lang")] public string? Language { get; set; }

    public DeepLinkingSettingsClaim Settings { get; private set; } = new();
    public IReadOnlyList<CatalogInstrument> Shown { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<CatalogModule> ShownModules { get; private set; } = [];
    public int TotalModules { get; private set; }
    public IReadOnlyList<PickProblem> Problems { get; private set; } = [];
    public IReadOnlyList<string> ProtocolProblems { get; private set; } = [];
    public IReadOnlyDictionary<string, PickInput> Entered { get; private set; } = new Dictionary<string, PickInput>();

    /// <summary>Set once the response is signed: the page then only carries it to the platform.</summary>
    public DeepLinkingResponse? Answer { get; private set; }

    public bool AcceptsMultiple => Settings.AcceptMultiple == true;
    public bool AcceptsLinks => Settings.AcceptTypes?.Contains(ContentItemTypes.LtiResourceLink, StringComparer.Ordinal) == true;

    public static string TitleField(string code) => "title-" + code;
    public static string PointsField(string code) => "points-" + code;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
            return Page();
        await ShowAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostChooseAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } launch)
            return Page();
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        var chosen = form[ChosenField].Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
        var picks = chosen.Select(code => new PickInput(code, form[TitleField(code)], form[PointsField(code)])).ToList();
        Entered = picks.ToDictionary(p => p.Code, StringComparer.Ordinal);

        var (items, problems) = AssessmentPicks.Build(picks, await LinkableAsync(ct), await programmes.ModulesAsync(LtiSession.PlatformId, ct), Settings, ToolUrls.For(Request).Launch);
        if (problems.Count > 0)
            return await RefuseChoiceAsync(problems, [], ct);

        var added = string.Join(", ", chosen);
        var built = await builder.BuildAsync(launch, items,
            new DeepLinkingMessages(Message: text["Pick.Added", items.Count], Log: $"LtiPD added: {added}"), ct);
        if (built.Error is { } refused)
            return await RefuseChoiceAsync([], [$"{refused.Code}: {refused.Message}"], ct);
        // Recorded once signed: the course page lists what the tool told the platform to place, whether or not it is launched yet.
        await attached.RecordAsync(LtiSession, items, ct);
        logger.LogInformation("Deep-linking response for user {UserId} on platform {PlatformId}: {Instruments}", LtiSession.UserId, LtiSession.PlatformId, added);
        Answer = built.Response;
        return Page();
    }

    /// <summary>Deep Linking 2.0 §4.5: a response without content items tells the platform the user chose nothing.</summary>
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } launch)
            return Page();
        var built = await builder.BuildAsync(launch, [], new DeepLinkingMessages(Log: "LtiPD: cancelled by the user"), ct);
        if (built.Error is { } refused)
            return Refuse(Refusal.From(refused, text));
        Answer = built.Response;
        return Page();
    }

    public string Text(LocalizedText localized) => localized.For(LtiSession.Culture.Name);

    public string TitleOf(string choice) =>
        Shown.FirstOrDefault(c => c.Instrument.Code == choice) is { } entry ? Text(entry.Instrument.Title)
        : ShownModules.FirstOrDefault(m => ModuleChoice(m) == choice) is { } module ? Text(module.Module.Title)
        : choice;

    public static string ModuleChoice(CatalogModule module) => AssessmentPicks.ModulePrefix + module.Module.Code;

    private async Task<LtiLaunch?> LoadAsync(CancellationToken ct)
    {
        if (LtiSession.MessageType != LtiMessageTypes.DeepLinkingRequest)
        {
            Refuse(LtiErrorCodes.NotADeepLinkingRequest, StatusCodes.Status400BadRequest);
            return null;
        }
        var launch = await requests.FindAsync(LtiSession, ct);
        if (launch?.Message.DeepLinkingSettings is not { } settings)
        {
            Refuse(LtiErrorCodes.DeepLinkingSettingsMissing, StatusCodes.Status400BadRequest);
            return null;
        }
        Settings = settings;
        return launch;
    }

    /// <summary>
    /// Peer feedback is given about a colleague chosen inside the tool, never opened on its own (the assessment page refuses it),
    /// so a link to it would land every teacher on a refusal.
    /// </summary>
    private async Task<IReadOnlyList<CatalogInstrument>> LinkableAsync(CancellationToken ct) =>
        (await catalog.LatestAsync(ct)).Where(i => i.Instrument.Kind != InstrumentKind.PeerFeedback).ToList();

    private async Task ShowAsync(CancellationToken ct)
    {
        var all = await LinkableAsync(ct);
        var language = CatalogueQuery.Languages.Contains(Language ?? "") ? Language : null;
        var query = new CatalogueQuery(Search, Component, language);
        Total = all.Count;
        Shown = all.Where(entry => query.Matches(entry, LtiSession.Culture)).ToList();
        var modules = await programmes.ModulesAsync(LtiSession.PlatformId, ct);
        TotalModules = modules.Count;
        ShownModules = modules.Where(entry => query.Matches(entry, LtiSession.Culture)).ToList();
    }

    private async Task<IActionResult> RefuseChoiceAsync(IReadOnlyList<PickProblem> problems, IReadOnlyList<string> protocolProblems, CancellationToken ct)
    {
        await ShowAsync(ct);
        Problems = problems;
        ProtocolProblems = protocolProblems;
        logger.LogInformation("Deep-linking choice refused for user {UserId}: {Codes}", LtiSession.UserId,
            string.Join(", ", problems.Select(p => p.Code).Concat(protocolProblems)));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
