using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Cohort;

/// <summary>The practical tasks of the course that wait for an instructor, oldest first.</summary>
public sealed class ReviewModel(CourseAttempts attempts, AssessmentCatalog catalog) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    /// <summary>One page of the queue, oldest first; only its rows look up their instrument.</summary>
    public ListPage<(PendingReview Review, CatalogInstrument Instrument)> Pending { get; private set; } = ListPage<(PendingReview, CatalogInstrument)>.Of([], 1);

    public bool JustScored { get; private set; }

    public async Task OnGetAsync(bool scored, [FromQuery(Name = "page")] int number, CancellationToken ct)
    {
        JustScored = scored;
        var queue = ListPage<PendingReview>.Of(await attempts.PendingAsync(LtiSession.Member, ct), number);
        var rows = new List<(PendingReview, CatalogInstrument)>();
        foreach (var review in queue.Rows)
            rows.Add((review, await catalog.GetAsync(review.InstrumentCode, review.InstrumentVersion, ct)));
        Pending = new(rows, queue.Number, queue.Count, queue.Total);
    }

    public string PageLink(int page) => $"/s/{LtiSession.Id}/review?page={page}";

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
