using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Home;

/// <summary>The teacher's landing page after a resource-link launch.</summary>
public sealed class TeacherModel : SessionPageModel
{
    public void OnGet()
    {
    }
}
