using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.People;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Roster;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Cohort;

/// <summary>
/// The course's members (the LMS's roster through NRPS, or the people seen launching) with how many attempts each handed
/// in per assessment in this course and the micro-credential modules each completed in it, for its designers. The role filter narrows to learners or instructors.
/// </summary>
public sealed class MembersModel(CourseRoster roster, CourseAttempts attempts, AssessmentCatalog catalog, ProgrammeCatalog programmes, TeacherResults results) : SessionPageModel
{
    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public RosterRole Role { get; private set; }

    public CourseMembers Members { get; private set; } = CourseMembers.None;

    public IReadOnlyList<CatalogInstrument> Instruments { get; private set; } = [];

    public IReadOnlyDictionary<(string UserId, string InstrumentCode), int> Submitted { get; private set; } =
        new Dictionary<(string, string), int>();

    /// <summary>The members shown: one page of <see cref="ListPage{T}.Size"/>, so a course of thousands renders as fast as a small one.</summary>
    public ListPage<RosterMember> Shown { get; private set; } = ListPage<RosterMember>.Of([], 1);

    /// <param name="role">"learner", "instructor", or anything else for everyone: read by hand, so no value can fail binding.</param>
    /// <param name="number">The page of the list, from 1; out of range shows the nearest page. Read from the query by name: "page" is also the route value naming the Razor page.</param>
    public async Task OnGetAsync(string? role, [FromQuery(Name = "page")] int number, CancellationToken ct)
    {
        Role = ParseRole(role);
        Members = await roster.MembersAsync(LtiSession, Role, ct);
        Shown = ListPage<RosterMember>.Of(Members.Members, number);
        // Peer feedback is about someone else, so it is not an assessment a member hands in for themselves.
        Instruments = (await catalog.LatestAsync(ct)).Where(i => i.Instrument.Kind != InstrumentKind.PeerFeedback).ToList();
        Submitted = await attempts.SubmittedCountsAsync(LtiSession.Course, ct);
        Completed = await attempts.CompletedModulesAsync(LtiSession.Course, ct);
        Profiles = await results.ProfilesAsync(attempts.SubmittedInCourse(LtiSession.Course), ct);
        Framework = Instruments.Count > 0 ? Instruments[0].Framework : null;
        ModuleTitles = (await programmes.ModulesAsync(LtiSession.PlatformId, ct)).ToDictionary(m => m.Module.Code, m => Text(m.Module.Title), StringComparer.Ordinal);
    }

    /// <summary>Each member's levels per competency in this course (members without a measured attempt are absent).</summary>
    public IReadOnlyDictionary<string, TeacherProfile> Profiles { get; private set; } = new Dictionary<string, TeacherProfile>();

    public CompetencyFramework? Framework { get; private set; }

    /// <summary>The competencies measured in this course, in the framework's order, with how many members of the list reached each level.</summary>
    public IReadOnlyList<(string Code, string Name, IReadOnlyDictionary<Level, int> Counts, int Unmeasured)> Summary()
    {
        var members = Members.Members.Select(m => Profiles.GetValueOrDefault(m.UserId)).ToList();
        var codes = members.OfType<TeacherProfile>().SelectMany(p => p.Competencies).Where(c => c.Level is not null).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        return codes.OrderBy(c => c, StringComparer.Ordinal).Select(code =>
        {
            var levels = members.Select(p => p?.Competencies.Where(c => c.Code == code).Select(c => c.Level).FirstOrDefault()).ToList();
            IReadOnlyDictionary<Level, int> counts = Enum.GetValues<Level>().ToDictionary(l => l, l => levels.Count(x => x == l));
            return (code, NameOf(code), counts, levels.Count(x => x is null));
        }).ToList();
    }

    /// <summary>One member's measured competencies with their levels; empty when nothing of theirs was measured.</summary>
    public IReadOnlyList<(string Name, Level Level)> LevelsOf(RosterMember member) =>
        Profiles.TryGetValue(member.UserId, out var profile)
            ? profile.Competencies.Where(c => c.Level is not null).Select(c => (NameOf(c.Code), c.Level!.Value)).ToList()
            : [];

    private string NameOf(string code) => Framework?.FindCompetency(code) is { } competency ? Text(competency.Name) : code;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Completed { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    private IReadOnlyDictionary<string, string> ModuleTitles { get; set; } = new Dictionary<string, string>();

    /// <summary>The titles of the modules the member completed in this course; a module no longer published keeps its code.</summary>
    public IReadOnlyList<string> ModulesCompletedBy(RosterMember member) =>
        Completed.TryGetValue(member.UserId, out var codes) ? codes.Select(c => ModuleTitles.GetValueOrDefault(c, c)).ToList() : [];

    public int SubmittedBy(RosterMember member, CatalogInstrument instrument) =>
        Submitted.GetValueOrDefault((member.UserId, instrument.Instrument.Code));

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    /// <summary>The last segment of a role URI ("…/membership#Learner" is "Learner"), as a person reads it.</summary>
    public static string ShortRole(string role) => role[(role.LastIndexOfAny(['#', '/']) + 1)..];

    /// <summary>The address of another page of the list, with the role filter kept.</summary>
    public string PageLink(int page) =>
        $"/s/{LtiSession.Id}/cohort?page={page}" + (Role == RosterRole.All ? "" : "&role=" + Role.ToString().ToLowerInvariant());

    public static RosterRole ParseRole(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "learner" => RosterRole.Learner,
        "instructor" => RosterRole.Instructor,
        _ => RosterRole.All,
    };
}
