using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Cohort;

/// <summary>
/// A member's result as the course's instructors see it from the cohort: the teacher's own result page (the same
/// <see cref="ResultViews"/> and _Result.cshtml), read-only, with nothing to take again. Only an attempt handed in in the
/// course of this launch (its platform, deployment and context); any other attempt id is a 404.
/// </summary>
public sealed class MemberResultModel(CourseAttempts attempts, ResultViews views, ILogger<MemberResultModel> logger) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public ResultView View { get; private set; } = null!;

    public string MemberName => View.Attempt.UserName ?? View.Attempt.UserId;

    public async Task<IActionResult> OnGetAsync(string attemptId, CancellationToken ct)
    {
        var attempt = await attempts.FindSubmittedAsync(LtiSession.Course, attemptId, ct);
        if (attempt is null)
        {
            logger.LogWarning("User {UserId} asked for attempt {AttemptId}, not submitted in their course", LtiSession.UserId, attemptId);
            return Refuse(new Refusal(Assessments.Attempts.AttemptNotFound,
                "This attempt does not exist or was not submitted in this course.", StatusCodes.Status404NotFound));
        }
        var review = await attempts.ReviewAsync(LtiSession.Course, attempt.Id, ct);
        View = await views.BuildAsync(LtiSession.Id, LtiSession.Culture.Name, readOnly: true, attempt, review, ct);
        return Page();
    }
}
