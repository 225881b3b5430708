using LtiPD.Data.Entities;
using LtiPD.Domain.Competencies;
using LtiPD.Web.Features.Feedback;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// A micro-credential module: its materials, micro-objectives, forms and hours, and each diagnostic with where the teacher
/// stands. The submission of its last piece of evidence completes the module (see
/// <see cref="ModuleEvidence.CompleteEarnedAsync"/>); a completion is recorded once, with its grade for the LMS.
/// </summary>
public sealed class ModuleModel(
    ProgrammeCatalog catalog, ModuleEvidence evidence, GradeOutbox grades, GradeSignal gradeSignal, FeedbackAnswers answers, ILogger<ModuleModel> logger)
    : SessionPageModel
{
    public const string ModuleNotFound = "module_not_found";

    public ModuleStatus Status { get; private set; } = null!;

    /// <summary>The module grade's way to the LMS, once the module is completed.</summary>
    public GradeDeliveryEntity? Delivery { get; private set; }

    /// <summary>Set when the completion was recorded by this visit or by the submission that led here.</summary>
    public bool JustCompleted { get; private set; }

    /// <summary>The three questions asked after the module, once it is completed, with the teacher's answers so far.</summary>
    public FeedbackForm? Feedback { get; private set; }

    /// <param name="completed">Set by the assessment page when the attempt just submitted completed this module.</param>
    /// <param name="feedback">"saved" when the feedback form's post led here.</param>
    public async Task<IActionResult> OnGetAsync(string code, bool completed, string? feedback, CancellationToken ct)
    {
        if (await catalog.FindModuleAsync(LtiSession.PlatformId, code, ct) is not { } module)
            return Refuse(ModuleNotFound, StatusCodes.Status404NotFound);
        Status = await evidence.StatusAsync(LtiSession.Member, module, ct);
        JustCompleted = completed && Status.Completion is not null;
        // Evidence submitted before this module existed (or before it was published) completes it on the first visit.
        // A launch without a course records no completion (see ModuleEvidence).
        if (Status.Completion is null && Status.Progress.IsComplete && await evidence.CompleteAsync(CompletionLaunch.Of(LtiSession), Status, ct) is { } done)
        {
            Status = Status with { Completion = done };
            JustCompleted = true;
            logger.LogInformation("Module {Module} completed by user {UserId}", code, LtiSession.UserId);
        }
        if (Status.Completion is { } completion)
        {
            // Opened from the module's own link: a grade kept for want of a column goes to that link's line item now.
            if (await grades.SendToOwnLinkAsync(LtiSession.Id, LtiSession.Member, completion.Id, code, ct))
                gradeSignal.Notify();
            Delivery = await grades.FindAsync(completion.Id, ct);
            Feedback = new FeedbackForm(LtiSession.Id, code, await answers.OwnAsync(completion, ct), feedback == "saved");
        }
        return Page();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    /// <summary>A section body's paragraphs: the document separates them with blank lines.</summary>
    public static IEnumerable<string> Paragraphs(string body) =>
        body.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
