using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Profiles;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Lti;
using LtiPD.Web.Features.Roster;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Peers;

/// <summary>A colleague of the same course who can be asked for feedback.</summary>
public sealed record Colleague(string UserId, string Name);

/// <summary>What a teacher sees of the feedback colleagues gave them.</summary>
public sealed record PeerSummary(int Invited, int Answered, TeacherProfile? Profile);

/// <summary>
/// Peer / 360 feedback: a teacher invites colleagues of the same course (platform, deployment, context);
/// each invited colleague rates them on the peer-feedback instrument. The results are shown only once at
/// least <see cref="MinimumAnswers"/> colleagues answered, so no single rating can be traced to a person.
/// </summary>
public sealed class PeerFeedback(LtiPdDbContext db, AssessmentCatalog catalog, CourseRoster roster, TimeProvider time)
{
    public const int MinimumAnswers = 3;
    public const string InvitationNotFound = "invitation_not_found";

    /// <summary>
    /// The other members of the course: the LMS's roster (NRPS, cached) when the launch offered the service, otherwise
    /// (or while the LMS does not answer) the colleagues who have opened LtiPD in this course.
    /// </summary>
    public async Task<IReadOnlyList<Colleague>> ColleaguesAsync(LaunchSession session, CancellationToken ct)
    {
        var members = await roster.MembersAsync(session, RosterRole.All, ct);
        return members.Members.Where(m => m.UserId != session.UserId).Select(m => new Colleague(m.UserId, m.Name)).ToList();
    }

    public async Task<int> InviteAsync(LaunchSession session, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (session.ContextId is null || userIds.Count == 0)
            return 0;
        var colleagues = (await ColleaguesAsync(session, ct)).ToDictionary(c => c.UserId, StringComparer.Ordinal);
        var already = await Invitations(session).Where(i => i.SubjectUserId == session.UserId).Select(i => i.PeerUserId).ToListAsync(ct);
        var added = 0;
        foreach (var id in userIds.Distinct(StringComparer.Ordinal))
        {
            // Only members of this course can be invited, and never oneself.
            if (!colleagues.TryGetValue(id, out var colleague) || already.Contains(id))
                continue;
            db.PeerInvitations.Add(new PeerInvitationEntity
            {
                Id = LoginService.NewOpaqueValue(),
                PlatformId = session.PlatformId,
                DeploymentId = session.DeploymentId,
                ContextId = session.ContextId,
                SubjectUserId = session.UserId,
                SubjectName = session.DisplayName,
                PeerUserId = colleague.UserId,
                PeerName = colleague.Name,
                CreatedAt = time.GetUtcNow(),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Invitations addressed to this person, in this platform and deployment.</summary>
    public Task<List<PeerInvitationEntity>> ForMeAsync(LaunchSession session, CancellationToken ct) =>
        db.PeerInvitations.AsNoTracking()
            .Where(i => i.PlatformId == session.PlatformId && i.DeploymentId == session.DeploymentId && i.PeerUserId == session.UserId)
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);

    public Task<PeerInvitationEntity?> FindForMeAsync(LaunchSession session, string invitationId, CancellationToken ct) =>
        db.PeerInvitations.AsNoTracking().FirstOrDefaultAsync(i =>
            i.Id == invitationId && i.PlatformId == session.PlatformId && i.DeploymentId == session.DeploymentId && i.PeerUserId == session.UserId, ct);

    public async Task<PeerSummary> SummaryAsync(LaunchSession session, CancellationToken ct)
    {
        var invited = await Invitations(session).CountAsync(i => i.SubjectUserId == session.UserId, ct);
        var answers = await db.Attempts.AsNoTracking().Include(a => a.Responses)
            .Where(a => a.PlatformId == session.PlatformId && a.DeploymentId == session.DeploymentId
                && a.SubjectUserId == session.UserId && a.Status == (int)AttemptStatus.Submitted)
            .ToListAsync(ct);
        var newestPerPeer = answers.GroupBy(a => a.UserId).Select(g => g.MaxBy(a => a.SubmittedAt)!).ToList();
        if (newestPerPeer.Count < MinimumAnswers)
            return new PeerSummary(invited, newestPerPeer.Count, null);
        var scores = new List<AttemptScore>();
        foreach (var attempt in newestPerPeer)
        {
            var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
            scores.Add(instrument.Plan.Score(Attempts.ToAnswers(attempt.Responses)));
        }
        return new PeerSummary(invited, newestPerPeer.Count, TeacherProfile.Merge(scores));
    }

    public async Task<CatalogInstrument?> InstrumentAsync(CancellationToken ct) =>
        (await catalog.LatestAsync(ct)).FirstOrDefault(i => i.Instrument.Kind == InstrumentKind.PeerFeedback);

    private IQueryable<PeerInvitationEntity> Invitations(LaunchSession session) =>
        db.PeerInvitations.Where(i => i.PlatformId == session.PlatformId && i.DeploymentId == session.DeploymentId && i.ContextId == session.ContextId);
}
