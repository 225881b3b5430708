using LtiPD.Data;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services.Nrps;
using LtiPD.Web.Features.Lti;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Roster;

/// <summary>The context roles a roster can be narrowed to (NRPS 2.0 §3.6.1 role filter).</summary>
public enum RosterRole
{
    All,

    /// <summary>LTI Learner: in LtiPD, the teachers in professional development.</summary>
    Learner,

    /// <summary>LTI Instructor: the course's designers and instructors.</summary>
    Instructor,
}

/// <summary>Where a roster came from: the LMS's own list, or the people the tool has seen launch in the course.</summary>
public enum RosterSource
{
    Lms,
    KnownLaunchers,
}

/// <summary>A member of the course as pages show them; <paramref name="Roles"/> as the LMS wrote them.</summary>
public sealed record RosterMember(string UserId, string Name, IReadOnlyList<string> Roles);

/// <summary>The members of one course and where the list came from; <paramref name="ReadAt"/> is when the LMS answered.</summary>
public sealed record CourseMembers(RosterSource Source, IReadOnlyList<RosterMember> Members, DateTimeOffset? ReadAt)
{
    public static readonly CourseMembers None = new(RosterSource.KnownLaunchers, [], null);
}

/// <summary>
/// The members of a launch's course (platform, deployment, context): from NRPS when the launch offered the service and
/// the LMS has answered (through <see cref="RosterCache"/>), otherwise the people who opened LtiPD in this course, which
/// the tool knows by itself. Never throws for an LMS that does not answer.
/// </summary>
public sealed class CourseRoster(LtiPdDbContext db, IPlatformRegistry platforms, RosterCache cache)
{
    private const string MembershipRoles = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

    public async Task<CourseMembers> MembersAsync(LaunchSession session, RosterRole role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.ContextId is null)
            return CourseMembers.None;
        return await FromLmsAsync(session, role, ct) ?? await KnownLaunchersAsync(session, role, ct);
    }

    /// <summary>The full URI of the role filter: NRPS §3.6.1 lets platforms accept short names, but every platform accepts the URI.</summary>
    public static string? FilterOf(RosterRole role) => role switch
    {
        RosterRole.Learner => MembershipRoles + "Learner",
        RosterRole.Instructor => MembershipRoles + "Instructor",
        _ => null,
    };

    private async Task<CourseMembers?> FromLmsAsync(LaunchSession session, RosterRole role, CancellationToken ct)
    {
        if (session.MembershipsUrl is not { } url
            || !Uri.TryCreate(url, UriKind.Absolute, out var membershipsUrl) || membershipsUrl.Scheme is not ("http" or "https"))
            return null;
        if (await platforms.FindByKeyAsync(session.PlatformId, ct) is not { } registration)
            return null;
        var roster = await cache.GetAsync(registration, membershipsUrl, FilterOf(role), db, ct);
        return roster is null
            ? null
            : new CourseMembers(RosterSource.Lms, roster.Members.Select(m => new RosterMember(m.UserId, NameOf(m), m.Roles)).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList(), roster.FetchedAt);
    }

    /// <summary>
    /// Everyone with a confirmed launch session in the course. Sessions are swept when they expire, so this is the people
    /// seen recently: the best the tool can do without the LMS. The role filter uses the roles their launch carried.
    /// </summary>
    private async Task<CourseMembers> KnownLaunchersAsync(LaunchSession session, RosterRole role, CancellationToken ct)
    {
        var known = await db.LaunchSessions.AsNoTracking()
            .Where(s => s.PlatformId == session.PlatformId && s.DeploymentId == session.DeploymentId && s.ContextId == session.ContextId && s.PendingState == null)
            .Select(s => new { s.UserId, s.DisplayName, s.Roles }).ToListAsync(ct);
        var filter = FilterOf(role);
        var members = known.GroupBy(k => k.UserId, StringComparer.Ordinal)
            .Select(g => new RosterMember(
                g.Key,
                g.Select(k => k.DisplayName).FirstOrDefault(n => n is not null) ?? g.Key,
                g.SelectMany(k => k.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList()))
            .Where(m => filter is null || new Member { Roles = m.Roles }.HasRole(filter))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        return new CourseMembers(RosterSource.KnownLaunchers, members, null);
    }

    private static string NameOf(Member m) =>
        m.Name ?? ($"{m.GivenName} {m.FamilyName}".Trim() is { Length: > 0 } joined ? joined : m.UserId);
}
