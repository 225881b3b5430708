using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.People;
using LtiPD.Domain.Profiles;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// A teacher's profile from the newest submitted attempt at each instrument they took themselves. It is the person's own
/// view, so it combines their attempts across the courses of their platform deployment; nobody else reads it.
/// </summary>
public sealed class TeacherResults(Attempts attempts, AssessmentCatalog catalog)
{
    public async Task<TeacherProfile> ProfileAsync(PersonScope person, CancellationToken ct)
    {
        var submitted = await attempts.OwnedBy(person).AsNoTracking().Include(a => a.Responses)
            .Where(a => a.Status == (int)AttemptStatus.Submitted && a.SubjectUserId == null)
            .ToListAsync(ct);
        var scores = new List<AttemptScore>();
        foreach (var newest in submitted.GroupBy(a => a.InstrumentCode).Select(g => g.MaxBy(a => a.SubmittedAt)!))
        {
            var instrument = await catalog.GetAsync(newest.InstrumentCode, newest.InstrumentVersion, ct);
            scores.Add(instrument.Plan.Score(Attempts.ToAnswers(newest.Responses)));
        }
        return TeacherProfile.Merge(scores);
    }
}
