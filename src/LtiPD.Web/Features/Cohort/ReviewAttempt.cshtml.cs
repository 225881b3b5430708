using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Cohort;

/// <summary>
/// One submitted practical task: the teacher's text, their file to download, a number per rubric criterion and a comment
/// for the teacher (sent to the LMS with the grade). Saving checks every field first and stores nothing unless all are
/// valid, then re-scores the attempt so the teacher's result and the grade show the instructor's judgement.
/// </summary>
public sealed class ReviewAttemptModel(
    CourseAttempts attempts, Modules.ModuleEvidence modules, Development.DevelopmentRecompute development, IStringLocalizer<SharedResource> t,
    ILogger<ReviewAttemptModel> logger) : SessionPageModel
{
    public const string RubricPointsInvalid = "rubric_points_invalid";
    public const string OwnAttempt = "own_attempt";
    public const string CommentTooLong = "review_comment_too_long";

    /// <summary>The form field of the reviewer's comment.</summary>
    public const string CommentField = "comment";

    /// <summary>The longest comment kept (the field says so and stops typing there; the server checks again).</summary>
    public static int CommentMaxLength => Data.Entities.AttemptReviewEntity.CommentMaxLength;

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public CourseAttempt Attempt { get; private set; } = null!;

    public IReadOnlyList<(Item Item, Data.Entities.ResponseEntity Response)> Submissions { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The stable code of the refusal shown with <see cref="Problems"/>.</summary>
    public string ErrorCode { get; private set; } = RubricPointsInvalid;

    /// <summary>The comment the field shows: the one just posted after a refusal, otherwise the stored one.</summary>
    public string? Comment { get; private set; }

    /// <summary>What the fields show: the values just posted after a refusal, otherwise the stored points.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; private set; } = new Dictionary<string, string?>();

    public async Task<IActionResult> OnGetAsync(string attemptId, CancellationToken ct)
    {
        if (await LoadAsync(attemptId, ct) is { } refused)
            return refused;
        Values = StoredValues();
        Comment = (await attempts.ReviewAsync(LtiSession.Course, attemptId, ct))?.Comment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string attemptId, CancellationToken ct)
    {
        if (await LoadAsync(attemptId, ct) is { } refused)
            return refused;
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        var inputs = Submissions
            .SelectMany(s => s.Item.Rubric!.Criteria.Select(c => new RubricInput(s.Item.Code, c.Code, form[FieldName(s.Item, c)].FirstOrDefault())))
            .ToList();
        var comment = form[CommentField].FirstOrDefault();
        // Line breaks are counted as the browser's maxlength counts them, one character each.
        if (comment?.ReplaceLineEndings("\n").Length > CommentMaxLength)
        {
            logger.LogWarning("Review comment refused on attempt {AttemptId}: {Length} characters", attemptId, comment.Length);
            ErrorCode = CommentTooLong;
            Problems = [t["Review.CommentTooLong", CommentMaxLength].Value];
            Values = inputs.ToDictionary(i => Key(i.ItemCode, i.CriterionCode), i => i.Value, StringComparer.Ordinal);
            Comment = comment;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var problems = await attempts.ScoreAsync(LtiSession.Person, Attempt, inputs, comment?.ReplaceLineEndings("\n"), ct);
        if (problems.Count > 0)
        {
            Comment = comment;
            logger.LogWarning("Rubric points refused on attempt {AttemptId}: {Count} fields", attemptId, problems.Count);
            Problems = problems.Select(p => t["Review.PointsInvalid", Text(p.Criterion.Description), p.Criterion.MaxPoints].Value).ToList();
            Values = inputs.ToDictionary(i => Key(i.ItemCode, i.CriterionCode), i => i.Value, StringComparer.Ordinal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        logger.LogInformation("Attempt {AttemptId} scored by user {UserId}", attemptId, LtiSession.UserId);
        // A practical task counts as module evidence once reviewed at its level: the review is what completes the module.
        foreach (var module in await modules.CompleteEarnedAsync(Modules.CompletionLaunch.ForReview(LtiSession, Attempt.Attempt), Attempt.Attempt.InstrumentCode, ct))
            logger.LogInformation("Module {Module} completed by a review of attempt {AttemptId}", module, attemptId);
        // A review is evidence: the reviewed teacher's route is re-planned now, not at night (seed 001).
        var a = Attempt.Attempt;
        await development.TryRecomputeAsync(new Domain.People.PersonScope(a.PlatformId, a.DeploymentId, a.UserId), Development.RecomputeCause.Evidence, ct);
        return RedirectToPage("/Cohort/Review", new { sid = LtiSession.Id, scored = true });
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    public static string FieldName(Item item, RubricCriterion criterion) => $"p.{item.Code}.{criterion.Code}";

    public static string Key(string itemCode, string criterionCode) => $"{itemCode}.{criterionCode}";

    private async Task<IActionResult?> LoadAsync(string attemptId, CancellationToken ct)
    {
        var attempt = await attempts.FindAsync(LtiSession.Course, attemptId, ct);
        if (attempt is null)
            return Refuse(Attempts.AttemptNotFound, StatusCodes.Status404NotFound);
        // A designer who took the course's practical task is a teacher being assessed there: another designer scores it.
        if (CourseAttempts.IsOwnAttempt(LtiSession.Person, attempt))
        {
            logger.LogWarning("User {UserId} refused the review of their own attempt {AttemptId}", LtiSession.UserId, attemptId);
            return Refuse(OwnAttempt, StatusCodes.Status403Forbidden);
        }
        Attempt = attempt;
        Submissions = CourseAttempts.Submissions(attempt);
        return null;
    }

    private Dictionary<string, string?> StoredValues()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var answer in Attempts.ToAnswers(Submissions.Select(s => s.Response)))
        {
            foreach (var (criterion, points) in answer.RubricPoints ?? new Dictionary<string, int>())
                values[Key(answer.ItemCode, criterion)] = points.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return values;
    }
}
