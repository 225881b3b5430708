using LtiPD.Domain.People;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Feedback;

/// <summary>
/// The course designer's view of what teachers of this course answered after each module: means and distributions, and the
/// comments, for groups of at least the minimum size only (<see cref="ModuleFeedbackSummary"/>).
/// </summary>
public sealed class CourseModel(ProgrammeCatalog catalog, ModuleSatisfaction satisfaction) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public FeedbackOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Overview = FeedbackOverview.Of(await catalog.LatestAsync(LtiSession.PlatformId, ct), await satisfaction.ForCourseAsync(LtiSession.Course, ct), satisfaction,
            LtiSession.Culture.Name);
}
