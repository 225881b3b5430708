using LtiPD.Lti.Keys;
using LtiPD.Web.Features.Jobs;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Features.Registration;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// Platform registrations, registration links and tool keys, for the tool's administrator. Every action is a POST
/// followed by a redirect, so a reload never repeats it (a rotation, a new link); removing a platform asks first.
/// </summary>
public sealed class IndexModel(PlatformCatalog catalog, RegistrationLinks links, IOptions<RegistrationOptions> registration,
    ToolKeyRing keys, JobHistory jobs, TimeProvider time, IStringLocalizer<SharedResource> t, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The lifetimes offered for a new registration link, in hours.</summary>
    public static readonly IReadOnlyList<int> LinkLifetimeHours = [1, 24, 72, 168];

    public IReadOnlyList<PlatformSummary> Platforms { get; private set; } = [];
    public IReadOnlyList<RegistrationLinkSummary> Links { get; private set; } = [];
    public IReadOnlyList<PublishedToolKey> Keys { get; private set; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<JobRunSummary>> JobRuns { get; private set; } = new Dictionary<string, IReadOnlyList<JobRunSummary>>();
    public bool JobsCanRun => jobs.CanRun;
    public DateTimeOffset Now { get; private set; }
    public bool RegistrationWithoutLink => registration.Value.AllowWithoutLink;
    public ToolUrls Urls { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The platform whose removal waits for the administrator's confirmation (<c>?remove={id}</c>).</summary>
    public PlatformSummary? ToRemove { get; private set; }

    /// <summary>The URL of the link just created, shown once after the redirect; only its hash is stored.</summary>
    [TempData] public string? NewLinkUrl { get; set; }

    /// <summary>What the last action did, shown once after its redirect.</summary>
    [TempData] public string? Notice { get; set; }

    [BindProperty] public string? LinkLabel { get; set; }
    [BindProperty] public int LinkHours { get; set; } = 24;
    [BindProperty] public string? Issuer { get; set; }
    [BindProperty] public string? ClientId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? AuthUrl { get; set; }
    [BindProperty] public string? TokenUrl { get; set; }
    [BindProperty] public string? JwksUrl { get; set; }
    [BindProperty] public string? DeploymentIds { get; set; }

    public async Task OnGetAsync(int? remove, CancellationToken ct)
    {
        await LoadAsync(ct);
        ToRemove = remove is { } id ? Platforms.FirstOrDefault(p => p.Id == id) : null;
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var deployments = (DeploymentIds ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Errors = await catalog.AddAsync(new PlatformInput(Issuer ?? "", ClientId ?? "", AuthUrl ?? "", TokenUrl ?? "", JwksUrl ?? "", deployments, Name), ct);
        if (Errors.Count > 0)
        {
            // The form comes back with its values and a reason per field, so nothing typed is lost.
            logger.LogWarning("Platform registration refused: {Errors}", string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Code}")));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        logger.LogInformation("Platform {Issuer} / {ClientId} registered by admin", Issuer, ClientId);
        Notice = t["Admin.Registered", Issuer ?? "", ClientId ?? ""];
        return RedirectToPage();
    }

    /// <summary>Removes the platform the confirmation named, with its deployments and sessions.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string issuer, string clientId, CancellationToken ct)
    {
        var removed = await catalog.RemoveAsync(issuer, clientId, ct);
        if (removed)
            logger.LogInformation("Platform {Issuer} / {ClientId} removed by admin", issuer, clientId);
        Notice = removed ? t["Admin.Removed", issuer, clientId] : t["Admin.NotRegistered", issuer, clientId];
        return RedirectToPage();
    }

    /// <summary>Creates a one-time registration link, then redirects, so a reload never creates another.</summary>
    public async Task<IActionResult> OnPostCreateLinkAsync(CancellationToken ct)
    {
        var lifetime = LinkLifetimeHours.Contains(LinkHours) ? TimeSpan.FromHours(LinkHours) : registration.Value.DefaultLinkLifetime;
        var created = await links.CreateAsync(LinkLabel, lifetime, ct);
        logger.LogInformation("Registration link {LinkId} created by admin, expires {ExpiresAt}", created.Link.Id, created.Link.ExpiresAt);
        NewLinkUrl = RegistrationServices.LinkUrl(ToolUrls.For(Request), created.Secret).AbsoluteUri;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeLinkAsync(string id, CancellationToken ct)
    {
        Notice = await links.RevokeAsync(id, ct) ? t["Admin.LinkRevoked", id] : t["Admin.LinkNotRevoked", id];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        var kid = await keys.RotateAsync(ct);
        Notice = t["Admin.Rotated", kid];
        return RedirectToPage();
    }

    /// <summary>Queues a run of the job (a full rebuild when asked), then redirects; the run shows up in the Jobs section.</summary>
    public IActionResult OnPostRunJob(string job, bool full)
    {
        var queued = jobs.RunNow(job, full);
        if (queued)
            logger.LogInformation("Job {Job} (full rebuild: {Full}) started by admin", job, full);
        Notice = queued ? t[full ? "Admin.JobQueuedFull" : "Admin.JobQueued", job] : t["Admin.NoSuchJob", job];
        return RedirectToPage(null, null, "jobs-title");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(AdminAccess.Scheme);
        return LocalRedirect("/admin/login");
    }

    /// <summary>
    /// The reason a field was refused, in the admin's language: the resource <c>Admin.FieldError.{field}.{code}</c>. The catalogue's
    /// own English message (which the command line prints) is shown only for a refusal the resources do not know.
    /// </summary>
    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => e.Field == field) is { } error
            ? t[$"Admin.FieldError.{error.Field}.{error.Code}"] is { ResourceNotFound: false } sentence ? sentence.Value : error.Message
            : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Urls = ToolUrls.For(Request);
        Now = time.GetUtcNow();
        Platforms = await catalog.ListAsync(ct);
        Links = await links.ListAsync(ct);
        Keys = await keys.ListAsync(ct);
        JobRuns = await jobs.LastRunsAsync(ct);
    }
}
