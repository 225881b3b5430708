using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Domain.Profiles;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// A teacher's current profile: at each instrument they took themselves, the newest submitted attempt with enough evidence
/// (an attempt that measured nothing does not replace one that did), as recorded. It is the person's own view, so it combines
/// their attempts across the courses of their platform deployment; nobody else reads it.
/// </summary>
public sealed class TeacherResults(Attempts attempts, ResultRecords records)
{
    public async Task<TeacherProfile> ProfileAsync(PersonScope person, CancellationToken ct)
    {
        var submitted = await attempts.OwnedBy(person).AsNoTracking()
            .Where(a => a.Status == (int)AttemptStatus.Submitted && a.SubjectUserId == null)
            .ToListAsync(ct);
        return Merge(submitted, await records.OfAsync(submitted, ct));
    }

    /// <summary>
    /// Each member's profile in a course, from the attempts they handed in for themselves there, for the course's designers
    /// (read-only: the cohort page).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TeacherProfile>> ProfilesAsync(IQueryable<AttemptEntity> submittedInCourse, CancellationToken ct)
    {
        var submitted = await submittedInCourse.AsNoTracking().Where(a => a.SubjectUserId == null).ToListAsync(ct);
        var byId = await records.OfAsync(submitted, ct);
        return submitted.GroupBy(a => a.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Merge(g, byId), StringComparer.Ordinal);
    }

    /// <summary>The latest attempt of each assessment with enough evidence, merged.</summary>
    private static TeacherProfile Merge(IEnumerable<AttemptEntity> submitted, IReadOnlyDictionary<string, ResultRecord> byId) =>
        TeacherProfile.Merge(submitted
            .Where(a => byId[a.Id].Evidence.Enough)
            .GroupBy(a => a.InstrumentCode, StringComparer.Ordinal)
            .Select(g => byId[g.MaxBy(a => a.SubmittedAt)!.Id].Score));
}
