using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Grades;

/// <summary>
/// The course's grades that have not reached the LMS: waiting ones and the ones it refused, with what failed, and apart from
/// them, as a neutral state, the grades kept here because the course has no gradebook column for their item.
/// </summary>
public sealed class GradesModel(GradeOutbox outbox, GradeSignal signal) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<GradeDeliveryEntity> Open { get; private set; } = [];

    public IReadOnlyList<GradeDeliveryEntity> Kept { get; private set; } = [];

    public bool JustResent { get; private set; }

    public async Task OnGetAsync(bool resent, CancellationToken ct)
    {
        JustResent = resent;
        Open = await outbox.OpenInCourseAsync(LtiSession.Course, ct);
        Kept = await outbox.KeptInCourseAsync(LtiSession.Course, ct);
    }

    /// <summary>Makes a refused or waiting grade due now; a grade of another course is simply not found.</summary>
    public async Task<IActionResult> OnPostResendAsync(string attemptId, CancellationToken ct)
    {
        if (!await outbox.ResendAsync(LtiSession.Course, attemptId, ct))
            return Refuse("delivery_not_found", StatusCodes.Status404NotFound);
        signal.Notify();
        return RedirectToPage(new { sid = LtiSession.Id, resent = true });
    }
}
