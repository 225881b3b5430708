using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Peers;
using Microsoft.AspNetCore.Mvc;
using LtiPD.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Home;

/// <summary>
/// The teacher's landing page in one course: the assessments to take and the modules to follow, with where each one stands
/// in this course (an attempt or a module's evidence of another course is that course's), and the feedback of this course's
/// colleagues.
/// </summary>
public sealed class TeacherModel(AssessmentCatalog catalog, Attempts attempts, PeerFeedback peers, ProgrammeCatalog programmes, ModuleEvidence modules, TeacherResults results) : SessionPageModel
{
    public IReadOnlyList<(CatalogInstrument Instrument, AttemptEntity? Open, AttemptEntity? Submitted)> Assessments { get; private set; } = [];

    public IReadOnlyList<ModuleStatus> Modules { get; private set; } = [];

    public IReadOnlyList<Colleague> Colleagues { get; private set; } = [];
    public IReadOnlyList<Data.Entities.PeerInvitationEntity> AskedOfMe { get; private set; } = [];
    public PeerSummary Peers { get; private set; } = new(0, 0, null);
    public CatalogInstrument? PeerInstrument { get; private set; }
    public int Invited { get; private set; } = -1;

    /// <summary>The teacher's own profile, beside the colleagues' view of them once that is published.</summary>
    public TeacherProfile? Self { get; private set; }

    /// <summary>Colleagues already asked: the invite list shows them as invited instead of offering them again.</summary>
    public IReadOnlySet<string> AlreadyInvited { get; private set; } = new HashSet<string>();

    /// <summary>True when the invitation was sent with nobody chosen: refused with a sentence, not "0 colleagues invited".</summary>
    public bool NobodyChosen { get; private set; }
    public bool Thanked { get; private set; }

    public async Task OnGetAsync(bool thanked, CancellationToken ct)
    {
        Thanked = thanked;
        await LoadAsync(ct);
    }

    /// <summary>Invites the chosen colleagues of this course to give feedback; others are ignored.</summary>
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        var chosen = form["peer"].Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).ToList();
        if (chosen.Count == 0)
        {
            NobodyChosen = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Invited = await peers.InviteAsync(LtiSession, chosen, ct);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var around = await attempts.AroundAsync(LtiSession.Member, ct);
        var own = around.Own;
        // The page shows how far an attempt in progress is: only those need their responses.
        await attempts.WithResponsesAsync(own.Where(a => a.Status == (int)AttemptStatus.InProgress).ToList(), ct);
        Assessments = (await catalog.LatestAsync(ct))
            .Where(i => i.Instrument.Kind != InstrumentKind.PeerFeedback)
            .Select(i => (i,
                own.Where(a => a.InstrumentCode == i.Instrument.Code && a.Status == (int)AttemptStatus.InProgress).MaxBy(a => a.StartedAt),
                own.Where(a => a.InstrumentCode == i.Instrument.Code && a.Status == (int)AttemptStatus.Submitted).MaxBy(a => a.SubmittedAt)))
            .ToList();
        Modules = await modules.StatusesAsync(LtiSession.Member, await programmes.ModulesAsync(LtiSession.PlatformId, ct), own, ct);
        PeerInstrument = await peers.InstrumentAsync(ct);
        if (PeerInstrument is null)
            return;
        Peers = await peers.SummaryAsync(around.Received, ct);
        if (Peers.Profile is not null)
            Self = await results.ProfileAsync(LtiSession.Person, ct);
        var invitations = await peers.InvitationsOfAsync(LtiSession.Member, around.Given, ct);
        AskedOfMe = invitations.OpenForMe;
        Colleagues = await peers.ColleaguesAsync(LtiSession, ct);
        AlreadyInvited = invitations.Invited;
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);
}
