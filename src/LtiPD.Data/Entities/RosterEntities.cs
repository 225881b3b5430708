namespace LtiPD.Data.Entities;

/// <summary>
/// The last roster an LMS gave for one NRPS memberships URL (NRPS 2.0 §3.6), shared by every node: whichever node reads it
/// (a page's refresh or the rosters job) writes it here, and the others serve it instead of asking the LMS again. Keyed by the
/// platform whose launch named the URL (its credentials read it, and only its courses see it) and by the role filter asked
/// for. A failed read never touches the row, so the last good roster stays.
/// </summary>
public sealed class CourseRosterEntity
{
    public const int MembershipsUrlMaxLength = 2048;

    /// <summary><see cref="Role"/> for the whole course, without a role filter.</summary>
    public const string AllRoles = "";

    public int PlatformId { get; set; }
    public required string MembershipsUrl { get; set; }

    /// <summary>The full role URI the roster was narrowed to, or <see cref="AllRoles"/>.</summary>
    public required string Role { get; set; }

    /// <summary>
    /// The active members as a JSON array (user id, names, roles): only what pages show; e-mail addresses and SIS ids the
    /// LMS may send are not kept.
    /// </summary>
    public required string MembersJson { get; set; }

    /// <summary>When the LMS gave this list, to the millisecond; a node whose copy is older reads the row again.</summary>
    public DateTimeOffset ReadAt { get; set; }
}
