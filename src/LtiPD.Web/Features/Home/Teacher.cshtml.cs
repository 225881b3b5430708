using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Home;

/// <summary>The teacher's landing page: the assessments to take, with where each one stands.</summary>
public sealed class TeacherModel(AssessmentCatalog catalog, Attempts attempts) : SessionPageModel
{
    public IReadOnlyList<(CatalogInstrument Instrument, AttemptEntity? Open, AttemptEntity? Submitted)> Assessments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var own = await attempts.OwnedBy(LtiSession).AsNoTracking().Include(a => a.Responses)
            .Where(a => a.SubjectUserId == null).ToListAsync(ct);
        Assessments = (await catalog.LatestAsync(ct))
            .Where(i => i.Instrument.Kind != InstrumentKind.PeerFeedback)
            .Select(i => (i,
                own.Where(a => a.InstrumentCode == i.Instrument.Code && a.Status == (int)AttemptStatus.InProgress).MaxBy(a => a.StartedAt),
                own.Where(a => a.InstrumentCode == i.Instrument.Code && a.Status == (int)AttemptStatus.Submitted).MaxBy(a => a.SubmittedAt)))
            .ToList();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
