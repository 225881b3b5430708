using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// Taking an assessment. The whole page is one form that works without JavaScript ("Save" and "Submit"
/// post every answer on it); with JavaScript each answer is also saved the moment it is given, so closing
/// the tab loses nothing. Reopening the activity, even from a new launch, resumes the same attempt, as long as the launch is
/// in the same course: a launch in another course starts or resumes that course's own attempt.
/// </summary>
[RequestSizeLimit(Attempts.MaxFileBytes * 3)]
public sealed class TakeModel(
    AssessmentCatalog catalog, Attempts attempts, Peers.PeerFeedback peers, Modules.ModuleEvidence modules, Modules.ProgrammeCatalog programmes,
    Development.DevelopmentRecompute development, ILogger<TakeModel> logger) : SessionPageModel
{
    public CatalogInstrument Instrument { get; private set; } = null!;
    public AttemptEntity Attempt { get; private set; } = null!;
    public IReadOnlyDictionary<string, ResponseEntity> Responses { get; private set; } = new Dictionary<string, ResponseEntity>();
    public IReadOnlyList<AttemptRefusal> Problems { get; private set; } = [];
    public AttemptEntity? LastSubmitted { get; private set; }
    public bool JustSaved { get; private set; }

    /// <summary>Set when the teacher already submitted and has not asked to take it again.</summary>
    public bool ShowsSubmittedNotice { get; private set; }

    public int Answered => Responses.Count;

    /// <summary>
    /// Set when "Submit" met unanswered items and the teacher has not confirmed yet: the page asks, naming them, whether to
    /// submit anyway or go back and answer. Null otherwise.
    /// </summary>
    public Domain.Assessment.Scoring.AttemptEvidence? Unconfirmed { get; private set; }

    /// <summary>"Go back and answer": the same page by GET (the answers are saved), at the first unanswered item.</summary>
    public string GoBackUrl(string firstItem) =>
        $"/s/{LtiSession.Id}/assess/{Uri.EscapeDataString(Instrument.Instrument.Code)}"
        + (Invitation is not null ? "/" + Uri.EscapeDataString(Invitation.Id) : "")
        + (ReturnModule is { Length: > 0 } m ? "?module=" + Uri.EscapeDataString(m) : "")
        + "#item-" + firstItem;

    /// <summary>The module the teacher came from, if any: the page links back to it and returns there after submitting.</summary>
    [BindProperty(SupportsGet = true, Name = "module")]
    public string? ReturnModule { get; set; }

    /// <summary>Where "back" leads: the module the teacher came from, else their home.</summary>
    public string BackUrl => ReturnModule is { Length: > 0 } module
        ? $"/s/{LtiSession.Id}/modules/{Uri.EscapeDataString(module)}"
        : $"/s/{LtiSession.Id}/home";

    /// <summary>For peer feedback: the invitation being answered (the colleague rated is its subject).</summary>
    public PeerInvitationEntity? Invitation { get; private set; }

    private string? Subject => Invitation?.SubjectUserId;

    public async Task<IActionResult> OnGetAsync(string code, string? invitation, bool again, bool saved, CancellationToken ct)
    {
        if (await LoadInstrumentAsync(code, invitation, ct) is { } refused)
            return refused;
        LastSubmitted = await LastSubmittedAsync(code, ct);
        // A colleague answers an invitation once: the summary counts each rater's first answer (see PeerFeedback).
        if (LastSubmitted is not null && (Invitation is not null || !again) && !await HasOpenAttemptAsync(code, ct))
        {
            ShowsSubmittedNotice = true;
            return Page();
        }
        await StartAsync(ct);
        JustSaved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string code, string? invitation, CancellationToken ct)
    {
        if ((await LoadInstrumentAsync(code, invitation, ct) ?? await RefuseAnsweredInvitationAsync(code, ct)) is { } refused)
            return refused;
        await StartAsync(ct);
        var (_, problems) = await attempts.SaveAsync(LtiSession.Member, Attempt.Id, await ReadAnswersAsync(ct), ct);
        if (problems.Count > 0)
            return await ShowProblemsAsync(problems, ct);
        return RedirectToPage(new { sid = LtiSession.Id, code, invitation, saved = true, module = ReturnModule });
    }

    /// <param name="confirmed">Set by "Submit anyway": the teacher has seen which items are unanswered and submits regardless.</param>
    public async Task<IActionResult> OnPostSubmitAsync(string code, string? invitation, bool confirmed, CancellationToken ct)
    {
        if ((await LoadInstrumentAsync(code, invitation, ct) ?? await RefuseAnsweredInvitationAsync(code, ct)) is { } refused)
            return refused;
        await StartAsync(ct);
        var (_, problems) = await attempts.SaveAsync(LtiSession.Member, Attempt.Id, await ReadAnswersAsync(ct), ct);
        if (problems.Count > 0)
            return await ShowProblemsAsync(problems, ct);
        await StartAsync(ct); // what is stored now decides what is unanswered
        if (Attempts.RefuseEmptyHandIn(Instrument, Responses.Values) is { } empty)
            return await ShowProblemsAsync([empty], ct);
        // Submitting is on purpose: with items unanswered the teacher is asked first (without script too: this is the page).
        var evidence = Instrument.Plan.EvidenceOf(Instrument.Plan.Score(Attempts.ToAnswers(Responses.Values)));
        if (evidence.Unanswered.Count > 0 && !confirmed)
        {
            Unconfirmed = evidence;
            return Page();
        }
        var takenFor = await ModuleForAsync(code, ct);
        if (await attempts.SubmitAsync(LtiSession.Member, LtiSession.Id, Attempt.Id, LtiSession.Culture.Name, takenFor, ct) is { } refusal)
            return await ShowProblemsAsync([refusal], ct);
        logger.LogInformation("Attempt {AttemptId} at {Instrument} submitted by user {UserId}", Attempt.Id, code, LtiSession.UserId);
        if (Invitation is not null)
            return Redirect($"/s/{LtiSession.Id}/home?thanked=true");
        var completed = await modules.CompleteEarnedAsync(Modules.CompletionLaunch.Of(LtiSession), code, ct);
        foreach (var module in completed)
            logger.LogInformation("Module {Module} completed by user {UserId}", module, LtiSession.UserId);
        // New evidence re-plans the teacher's route at once (seed 001: monitoring and adjustment), not only at night.
        await development.TryRecomputeAsync(LtiSession.Person, Development.RecomputeCause.Evidence, ct);
        if (ReturnModule is { Length: > 0 })
            return Redirect(completed.Contains(ReturnModule, StringComparer.Ordinal) ? BackUrl + "?completed=true" : BackUrl);
        return RedirectToPage("/Assessments/Result", new { sid = LtiSession.Id, attemptId = Attempt.Id });
    }

    /// <summary>The script's save-as-you-go call: one item's answer, answered with JSON the page announces.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(string code, string attemptId, CancellationToken ct)
    {
        if (await catalog.FindLatestAsync(code, ct) is null)
            return Autosave(Refusal.Of(Words, "instrument_not_found", StatusCodes.Status404NotFound));
        var attempt = await attempts.FindOwnAsync(LtiSession.Member, attemptId, ct);
        if (attempt is null)
            return Autosave(Refusal.Of(Words, Attempts.AttemptNotFound, StatusCodes.Status404NotFound));
        Instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        var (_, problems) = await attempts.SaveAsync(LtiSession.Member, attemptId, await ReadAnswersAsync(ct), ct);
        var answered = await attempts.InCourse(LtiSession.Member).Where(a => a.Id == attemptId).SelectMany(a => a.Responses).CountAsync(ct);
        var total = Instrument.Instrument.Items.Count;
        LogRefused(attemptId, problems);
        return problems.Count > 0
            ? Autosave(Sentence(problems[0]), answered, total)
            : Json(StatusCodes.Status200OK, new AutosaveAnswer(true, answered, total, null, null));
    }

    /// <summary>
    /// A refused answer as the teacher reads it: the sentence of its code in the session's language, as the full page shows it
    /// (the script announces it); the scoring's own words name internal item codes and stay in the log.
    /// </summary>
    public Refusal Sentence(AttemptRefusal problem) => Refusal.Worded(Words, problem.Code, problem.Message, problem.Status);

    private void LogRefused(string attemptId, IReadOnlyList<AttemptRefusal> problems)
    {
        foreach (var p in problems)
            logger.LogWarning("Answer refused on attempt {AttemptId}: {Code}: {Reason}", attemptId, p.Code, p.Message);
    }

    private JsonResult Autosave(Refusal refusal, int answered = 0, int total = 0) =>
        Json(refusal.Status, new AutosaveAnswer(false, answered, total, refusal.Code, refusal.Message));

    public string Text(Domain.Competencies.LocalizedText text) => text.For(LtiSession.Culture.Name);

    /// <summary>The module the attempt is taken for: the one the teacher came from, when that module names this instrument.</summary>
    private async Task<string?> ModuleForAsync(string code, CancellationToken ct) =>
        Invitation is null && ReturnModule is { Length: > 0 } m && await programmes.FindModuleAsync(LtiSession.PlatformId, m, ct) is { } found
        && found.Module.Diagnostics.Any(d => d.InstrumentCode == code)
            ? found.Module.Code
            : null;

    private JsonResult Json(int status, AutosaveAnswer answer) =>
        new(answer, AssessmentJson.Default.Options) { StatusCode = status };

    private async Task<IActionResult?> LoadInstrumentAsync(string code, string? invitation, CancellationToken ct)
    {
        var instrument = await catalog.FindLatestAsync(code, ct);
        if (instrument is null)
            return Refuse("instrument_not_found", StatusCodes.Status404NotFound);
        if (instrument.Instrument.Kind == InstrumentKind.PeerFeedback)
        {
            Invitation = invitation is null ? null : await peers.FindForMeAsync(LtiSession.Member, invitation, ct);
            if (Invitation is null)
                return Refuse(Peers.PeerFeedback.InvitationNotFound, StatusCodes.Status404NotFound);
        }
        Instrument = instrument;
        return null;
    }

    /// <summary>
    /// An invitation already answered takes no second answer: the peer summary counts each colleague's first answer, so a
    /// second one could only change what the teacher sees by one known rater's words.
    /// </summary>
    private async Task<IActionResult?> RefuseAnsweredInvitationAsync(string code, CancellationToken ct) =>
        Invitation is not null && await LastSubmittedAsync(code, ct) is not null && !await HasOpenAttemptAsync(code, ct)
            ? Refuse(Peers.PeerFeedback.InvitationAnswered, StatusCodes.Status409Conflict)
            : null;

    private async Task StartAsync(CancellationToken ct)
    {
        Attempt = await attempts.ResumeOrStartAsync(LtiSession.Member, LtiSession.ResourceLinkId, LtiSession.DisplayName, Instrument, Subject, ct);
        Responses = Attempt.Responses.ToDictionary(r => r.ItemCode, StringComparer.Ordinal);
    }

    private Task<AttemptEntity?> LastSubmittedAsync(string code, CancellationToken ct) =>
        attempts.InCourse(LtiSession.Member)
            .Where(a => a.InstrumentCode == code && a.SubjectUserId == Subject && a.Status == (int)AttemptStatus.Submitted)
            .OrderByDescending(a => a.SubmittedAt).FirstOrDefaultAsync(ct);

    private Task<bool> HasOpenAttemptAsync(string code, CancellationToken ct) =>
        attempts.InCourse(LtiSession.Member)
            .AnyAsync(a => a.InstrumentCode == code && a.SubjectUserId == Subject && a.Status == (int)AttemptStatus.InProgress, ct);

    private async Task<IActionResult> ShowProblemsAsync(IReadOnlyList<AttemptRefusal> problems, CancellationToken ct)
    {
        LogRefused(Attempt.Id, problems);
        Problems = problems;
        Response.StatusCode = problems.Max(p => p.Status);
        await StartAsync(ct); // show what is stored now, including everything that was accepted
        return Page();
    }

    private async Task<IReadOnlyList<AnswerInput>> ReadAnswersAsync(CancellationToken ct)
    {
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        var answers = new List<AnswerInput>();
        foreach (var item in Instrument.Instrument.Items)
        {
            var values = form[FieldName(item)];
            switch (item.Kind)
            {
                case ItemKind.Likert when values.Count > 0:
                    answers.Add(int.TryParse(values[0], out var v)
                        ? new AnswerInput(item.Code, LikertValue: v)
                        : new AnswerInput(item.Code, LikertValue: 0));
                    break;
                case ItemKind.SingleChoice or ItemKind.Scenario or ItemKind.MultipleChoice when values.Count > 0:
                    answers.Add(new AnswerInput(item.Code, SelectedOptions: values.Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).ToList()));
                    break;
                case ItemKind.RubricTask:
                    var file = form.Files.GetFile(FileFieldName(item));
                    var text = values.Count > 0 ? values[0] : null;
                    if (file is { Length: > 0 } || !string.IsNullOrWhiteSpace(text))
                        answers.Add(new AnswerInput(item.Code, Text: string.IsNullOrWhiteSpace(text) ? null : text, File: file is { Length: > 0 } ? await ReadFileAsync(file, ct) : null));
                    break;
            }
        }
        return answers;
    }

    private static async Task<UploadedFile> ReadFileAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return new UploadedFile(Path.GetFileName(file.FileName), file.ContentType, buffer.ToArray());
    }

    public static string FieldName(Item item) => "i." + item.Code;

    public static string FileFieldName(Item item) => "f." + item.Code;
}
