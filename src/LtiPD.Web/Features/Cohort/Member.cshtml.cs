using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Roster;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Cohort;

/// <summary>
/// One member of the course as its instructors drill down from the cohort: the attempts they handed in in this course, each
/// opening its result read-only (<see cref="MemberResultModel"/>). Only this course's members: someone with nothing handed in
/// here who is not on the course's roster either is refused (404), so a user id from another course or platform shows nothing.
/// </summary>
public sealed class MemberModel(CourseAttempts attempts, CourseRoster roster, AssessmentCatalog catalog, ILogger<MemberModel> logger) : SessionPageModel
{
    public const string MemberNotFound = "member_not_found";

    /// <summary>LTI user ids (sub) are at most 255 characters (LTI Core 1.3 §5.3.6 via OIDC); anything longer names no one.</summary>
    public const int MaxUserIdLength = 255;

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public string UserId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public IReadOnlyList<MemberAttempt> Submitted { get; private set; } = [];

    private IReadOnlyDictionary<(string, int), string> _titles = new Dictionary<(string, int), string>();

    /// <param name="user">The member's LTI user id, as the cohort list links it.</param>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "user")] string? user, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(user) || user.Length > MaxUserIdLength || !LtiSession.Course.IsCourse)
            return NotAMember(user);
        Submitted = await attempts.OfMemberAsync(LtiSession.Course, user, ct);
        string? name = Submitted.Select(a => a.UserName).FirstOrDefault(n => n is not null);
        if (Submitted.Count == 0 || name is null)
        {
            // Nothing handed in here: a member only if the course's roster (the LMS's, or the people seen launching) lists them.
            var listed = (await roster.MembersAsync(LtiSession, RosterRole.All, ct)).Members.FirstOrDefault(m => m.UserId == user);
            if (listed is null && Submitted.Count == 0)
                return NotAMember(user);
            name ??= listed?.Name;
        }
        UserId = user;
        Name = name ?? user;
        var titles = new Dictionary<(string, int), string>();
        foreach (var (code, version) in Submitted.Select(a => (a.InstrumentCode, a.InstrumentVersion)).Distinct())
            titles[(code, version)] = (await catalog.GetAsync(code, version, ct)).Instrument.Title.For(LtiSession.Culture.Name);
        _titles = titles;
        return Page();
    }

    public string TitleOf(MemberAttempt attempt) => _titles.GetValueOrDefault((attempt.InstrumentCode, attempt.InstrumentVersion), attempt.InstrumentCode);

    /// <summary>The address of this page for a member, from the cohort list or back from a result.</summary>
    public static string Link(string sessionId, string userId) => $"/s/{sessionId}/cohort/member?user={Uri.EscapeDataString(userId)}";

    private PageResult NotAMember(string? user)
    {
        logger.LogWarning("User {UserId} asked for member {Member}, who is not a member of their course", LtiSession.UserId, user);
        return Refuse(new Refusal(MemberNotFound,
            "This person is not a member of this course, or LtiPD has not seen them here. Open the members list of your course and choose someone from it.",
            StatusCodes.Status404NotFound));
    }
}
