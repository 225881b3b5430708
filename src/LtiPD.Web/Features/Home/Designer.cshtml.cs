using LtiPD.Domain.People;
using LtiPD.Web.Features.Cohort;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Home;

/// <summary>The course designer's landing page (instructors, content developers, teaching assistants, admins).</summary>
public sealed class DesignerModel(CourseAttempts attempts) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public bool IsDeepLinking => LtiSession.MessageType == LtiPD.Lti.LtiMessageTypes.DeepLinkingRequest;

    /// <summary>Practical tasks of this course waiting for an instructor, leaving out the designer's own.</summary>
    public int PendingReviews { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => PendingReviews = await attempts.CountPendingAsync(LtiSession.Member, ct);
}
