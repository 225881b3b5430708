using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Home;

/// <summary>The course designer's landing page (instructors, content developers, teaching assistants, admins).</summary>
public sealed class DesignerModel : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public bool IsDeepLinking => LtiSession.MessageType == LtiPD.Lti.LtiMessageTypes.DeepLinkingRequest;

    public void OnGet()
    {
    }
}
