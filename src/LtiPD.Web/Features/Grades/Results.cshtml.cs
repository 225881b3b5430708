using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Grades;

/// <summary>What the LMS's gradebook holds for the columns the tool delivered to in this course, read back through AGS results.</summary>
public sealed class ResultsModel(GradebookResults gradebook) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<GradebookColumn> Columns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Columns = await gradebook.ReadAsync(LtiSession.Course, ct);
}
