using System.Globalization;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Feedback;

/// <summary>
/// Receives a teacher's answers about a module they completed in this course, then sends them back to the module page (POST,
/// then redirect). The form lives on the module page; this page only renders when the answers are refused.
/// </summary>
public sealed class AnswerModel(ProgrammeCatalog catalog, ModuleEvidence evidence, FeedbackAnswers answers, IStringLocalizer<SharedResource> t,
    ILogger<AnswerModel> logger) : SessionPageModel
{
    public const string InvalidRating = "feedback_invalid_rating";
    public const string CommentTooLong = "feedback_comment_too_long";
    public const string NotCompleted = "feedback_module_not_completed";

    /// <summary>The module the refused answers were about, once it is known to exist: the way back to its form.</summary>
    public string? ModuleCode { get; private set; }

    /// <summary>A GET of this address (a bookmark, a reload after a refusal) shows the module and its form.</summary>
    public IActionResult OnGet(string code) => Redirect($"/s/{LtiSession.Id}/modules/{Uri.EscapeDataString(code)}#feedback");

    public async Task<IActionResult> OnPostAsync(string code, [FromForm] string? useful, [FromForm] string? relevant, [FromForm] string? recommend,
        [FromForm] string? comment, CancellationToken ct)
    {
        if (await catalog.FindModuleAsync(LtiSession.PlatformId, code, ct) is not { } module)
            return Refuse(new Refusal(ModuleModel.ModuleNotFound, t["Feedback.NoModule"], StatusCodes.Status404NotFound));
        ModuleCode = module.Module.Code;
        var ratings = new[] { useful, relevant, recommend }.Select(Rating).ToList();
        if (ratings.Any(r => r is null))
            return Refuse(new Refusal(InvalidRating, t["Feedback.InvalidRating", FeedbackAnswer.Lowest, FeedbackAnswer.Highest]));
        var text = Comment(comment);
        if (text is { Length: > ModuleFeedbackEntity.CommentMaxLength })
            return Refuse(new Refusal(CommentTooLong, t["Feedback.CommentTooLong", ModuleFeedbackEntity.CommentMaxLength]));
        var completion = await evidence.CompletionsOf(LtiSession.Member).AsNoTracking()
            .FirstOrDefaultAsync(c => c.ProgrammeCode == module.Programme.Programme.Code && c.ModuleCode == module.Module.Code, ct);
        if (completion is null)
            return Refuse(new Refusal(NotCompleted, t["Feedback.NotCompleted"], StatusCodes.Status409Conflict));

        await answers.SaveAsync(completion, new FeedbackAnswer(ratings[0]!.Value, ratings[1]!.Value, ratings[2]!.Value, text), ct);
        logger.LogInformation("Feedback on module {Module} saved by user {UserId}", module.Module.Code, LtiSession.UserId);
        return Redirect($"/s/{LtiSession.Id}/modules/{Uri.EscapeDataString(module.Module.Code)}?feedback=saved#feedback");
    }

    private static int? Rating(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rating) && rating is >= FeedbackAnswer.Lowest and <= FeedbackAnswer.Highest
            ? rating
            : null;

    /// <summary>The comment as kept: line breaks made uniform and the ends trimmed, so its length is what the teacher sees; blank is none.</summary>
    private static string? Comment(string? value) =>
        value?.ReplaceLineEndings("\n").Trim() is { Length: > 0 } text ? text : null;
}
