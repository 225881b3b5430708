using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.People;
using LtiPD.Domain.Profiles;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Lti;
using LtiPD.Web.Features.Roster;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Peers;

/// <summary>A colleague of the same course who can be asked for feedback.</summary>
public sealed record Colleague(string UserId, string Name);

/// <summary>
/// What a teacher sees of the feedback colleagues gave them: <see cref="Profile"/> is computed over the first
/// <see cref="Included"/> of the <see cref="Answered"/> answers (see <see cref="PeerPublication"/>), null before there are three.
/// (Whom they invited is <see cref="PeerInvitationsOf.Invited"/>.)
/// </summary>
public sealed record PeerSummary(int Answered, int Included, TeacherProfile? Profile)
{
    /// <summary>Answers that arrived after the published summary was made; they join it when there are three.</summary>
    public int Waiting => Answered - Included;
}

/// <summary>A person's invitations in one course: those still open for them to answer, and the colleagues they asked.</summary>
public sealed record PeerInvitationsOf(IReadOnlyList<PeerInvitationEntity> OpenForMe, IReadOnlySet<string> Invited);

/// <summary>
/// Peer / 360 feedback: a teacher invites colleagues of the same course (platform, deployment, context);
/// each invited colleague rates them on the peer-feedback instrument, from a launch in that course, once. The results are
/// shown only once at least <see cref="MinimumAnswers"/> colleagues answered, and then change only in steps of three new
/// answers (<see cref="PeerPublication"/>), so no single rating can be traced to a person. Everything is per course: the
/// invitations, the answers to them and the summary made of those answers.
/// </summary>
public sealed class PeerFeedback(LtiPdDbContext db, AssessmentCatalog catalog, Attempts attempts, CourseRoster roster, TimeProvider time)
{
    public const int MinimumAnswers = PeerPublication.Step;
    public const string InvitationNotFound = "invitation_not_found";
    public const string InvitationAnswered = "invitation_answered";

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
        var already = await Invitations(session.Course).Where(i => i.SubjectUserId == session.UserId).Select(i => i.PeerUserId).ToListAsync(ct);
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

    /// <summary>
    /// This person's invitations in this course, read together (the teacher's home shows both, on every launch): those addressed
    /// to them that they have not answered yet (an invitation is answered once), oldest first, and the colleagues they have
    /// asked themselves. The answer is an attempt, and an attempt belongs to the course of the launch it is taken in, so an
    /// invitation is answered from a launch in its own course: <paramref name="given"/> are the person's attempts about
    /// colleagues in this course (<see cref="AttemptsAround.Given"/>).
    /// </summary>
    public async Task<PeerInvitationsOf> InvitationsOfAsync(PersonInCourse me, IReadOnlyList<AttemptEntity> given, CancellationToken ct)
    {
        if (given.Any(a => new PersonInCourse(a.PlatformId, a.DeploymentId, a.ContextId, a.UserId) != me))
            throw new ArgumentException("The answers given are the person's own attempts in the course.", nameof(given));
        var answered = given.Where(a => a.SubmittedAt != null).Select(a => a.SubjectUserId!).ToHashSet(StringComparer.Ordinal);
        // An invitation is always of a course: a launch without one has none.
        var rows = me.ContextId is { } context
            ? await db.ReadAsync(InvitationsTouching, EntityRows.PeerInvitation, ct, me.PlatformId, me.DeploymentId, me.UserId, context)
            : [];
        return new PeerInvitationsOf(
            rows.Where(i => i.PeerUserId == me.UserId && !answered.Contains(i.SubjectUserId)).OrderBy(i => i.CreatedAt).ToList(),
            rows.Where(i => i.SubjectUserId == me.UserId).Select(i => i.PeerUserId).ToHashSet(StringComparer.Ordinal));
    }

    // Hand-written (LtiPdDbContext.ReadAsync: compiled once per connection on SQLite). UNION ALL rather than OR, so that each
    // select uses its index (IX_peer_invitations_peer, IX_peer_invitations_pair).
    private const string InvitationsTouching =
        "SELECT " + EntityRows.PeerInvitationColumns + " FROM peer_invitations " +
        "WHERE \"PlatformId\" = @p0 AND \"DeploymentId\" = @p1 AND \"PeerUserId\" = @p2 AND \"ContextId\" = @p3 " +
        "UNION ALL SELECT " + EntityRows.PeerInvitationColumns + " FROM peer_invitations " +
        "WHERE \"PlatformId\" = @p0 AND \"DeploymentId\" = @p1 AND \"ContextId\" = @p3 AND \"SubjectUserId\" = @p2 AND \"PeerUserId\" <> @p2";

    public Task<PeerInvitationEntity?> FindForMeAsync(PersonInCourse me, string invitationId, CancellationToken ct) =>
        Invitations(me.Course).AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId && i.PeerUserId == me.UserId, ct);

    /// <summary>
    /// The summary of the colleagues' answers about this person in this course. Each colleague counts with their first
    /// answer (an invitation is answered once), the answers in the order they arrived, and the published profile is made of
    /// the first 3·k of them only. <paramref name="received"/> are the colleagues' submitted answers about the person in this
    /// course (<see cref="AttemptsAround.Received"/>); the responses are read for the published ones only.
    /// </summary>
    public async Task<PeerSummary> SummaryAsync(IReadOnlyList<AttemptEntity> received, CancellationToken ct)
    {
        var answers = received.Where(a => a.Status == (int)AttemptStatus.Submitted && a.SubjectUserId != null).ToList();
        // Arrival order sorted here because SQLite cannot order by DateTimeOffset; the id breaks a tie the same way every time.
        var inArrivalOrder = answers.GroupBy(a => a.UserId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal).First())
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var published = PeerPublication.Published(inArrivalOrder);
        if (published.Count == 0)
            return new PeerSummary(inArrivalOrder.Count, 0, null);
        await attempts.WithResponsesAsync(published, ct);
        var scores = new List<AttemptScore>();
        foreach (var attempt in published)
        {
            var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
            scores.Add(instrument.Plan.Score(Attempts.ToAnswers(attempt.Responses)));
        }
        return new PeerSummary(inArrivalOrder.Count, published.Count, TeacherProfile.Merge(scores));
    }

    public async Task<CatalogInstrument?> InstrumentAsync(CancellationToken ct) =>
        (await catalog.LatestAsync(ct)).FirstOrDefault(i => i.Instrument.Kind == InstrumentKind.PeerFeedback);

    private IQueryable<PeerInvitationEntity> Invitations(CourseScope course) =>
        db.PeerInvitations.Where(i => i.PlatformId == course.PlatformId && i.DeploymentId == course.DeploymentId && i.ContextId == course.ContextId);
}
