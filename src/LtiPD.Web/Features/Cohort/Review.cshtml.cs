using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Features.Cohort;

/// <summary>The practical tasks of the course that wait for an instructor, oldest first.</summary>
public sealed class ReviewModel(CourseAttempts attempts, AssessmentCatalog catalog) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<(PendingReview Review, CatalogInstrument Instrument)> Pending { get; private set; } = [];

    public bool JustScored { get; private set; }

    public async Task OnGetAsync(bool scored, CancellationToken ct)
    {
        JustScored = scored;
        var pending = new List<(PendingReview, CatalogInstrument)>();
        foreach (var review in await attempts.PendingAsync(LtiSession.Member, ct))
            pending.Add((review, await catalog.GetAsync(review.InstrumentCode, review.InstrumentVersion, ct)));
        Pending = pending;
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
