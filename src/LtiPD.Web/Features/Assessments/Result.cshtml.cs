using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// The teacher's result of one of their submitted attempts (rendered by <see cref="ResultViews"/> and _Result.cshtml, which
/// instructors see read-only from the cohort). Nothing here reads the teacher's other attempts, so an old result never
/// changes; the profile across attempts is its own page (<see cref="ProfileModel"/>). The attempt itself is shown only to its
/// owner, from a launch in the course it was taken in.
/// </summary>
public sealed class ResultModel(Attempts attempts, ResultViews views, Cohort.CourseAttempts reviews) : SessionPageModel
{
    public ResultView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string attemptId, CancellationToken ct)
    {
        var attempt = await attempts.InCourse(LtiSession.Member).AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, ct);
        if (attempt is null || attempt.SubjectUserId is not null)
            return Refuse(Attempts.AttemptNotFound, StatusCodes.Status404NotFound);
        if (attempt.Status != (int)AttemptStatus.Submitted)
            return RedirectToPage("/Assessments/Take", new { sid = LtiSession.Id, code = attempt.InstrumentCode });
        var review = await reviews.ReviewOfOwnAsync(LtiSession.Member, attempt.Id, ct);
        View = await views.BuildAsync(LtiSession.Id, LtiSession.Culture.Name, readOnly: false, attempt, review, ct);
        return Page();
    }
}
