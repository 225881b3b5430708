using LtiPD.Lti.Keys;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Features.Registration;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Admin;

/// <summary>Platform registrations and tool keys, for the LMS administrator.</summary>
public sealed class IndexModel(PlatformCatalog catalog, RegistrationLinks links, IOptions<RegistrationOptions> registration,
    ToolKeyRing keys, TimeProvider time, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The lifetimes offered for a new registration link, in hours.</summary>
    public static readonly IReadOnlyList<int> LinkLifetimeHours = [1, 24, 72, 168];

    public IReadOnlyList<PlatformSummary> Platforms { get; private set; } = [];
    public IReadOnlyList<RegistrationLinkSummary> Links { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public bool RegistrationWithoutLink => registration.Value.AllowWithoutLink;

    /// <summary>The URL of the link just created, shown once after the redirect; only its hash is stored.</summary>
    [TempData] public string? NewLinkUrl { get; set; }
    [TempData] public string? LinkNotice { get; set; }

    [BindProperty] public string? LinkLabel { get; set; }
    [BindProperty] public int LinkHours { get; set; } = 24;
    public ToolUrls Urls { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Notice { get; private set; }

    [BindProperty] public string? Issuer { get; set; }
    [BindProperty] public string? ClientId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? AuthUrl { get; set; }
    [BindProperty] public string? TokenUrl { get; set; }
    [BindProperty] public string? JwksUrl { get; set; }
    [BindProperty] public string? DeploymentIds { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var deployments = (DeploymentIds ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Errors = await catalog.AddAsync(new PlatformInput(Issuer ?? "", ClientId ?? "", AuthUrl ?? "", TokenUrl ?? "", JwksUrl ?? "", deployments, Name), ct);
        if (Errors.Count > 0)
        {
            logger.LogWarning("Platform registration refused: {Errors}", string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Code}")));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            logger.LogInformation("Platform {Issuer} / {ClientId} registered by admin", Issuer, ClientId);
            Notice = $"Registered {Issuer} (client id {ClientId}).";
            Issuer = ClientId = Name = AuthUrl = TokenUrl = JwksUrl = DeploymentIds = null;
            ModelState.Clear();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string issuer, string clientId, CancellationToken ct)
    {
        Notice = await catalog.RemoveAsync(issuer, clientId, ct)
            ? $"Removed {issuer} (client id {clientId})."
            : $"There was no registration for {issuer} (client id {clientId}).";
        await LoadAsync(ct);
        return Page();
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
        LinkNotice = await links.RevokeAsync(id, ct) ? $"Link {id} no longer works." : $"Link {id} was already used or removed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        var kid = await keys.RotateAsync(ct);
        Notice = $"New tool key {kid} is published; the previous key stays published for the overlap period.";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(AdminAccess.Scheme);
        return LocalRedirect("/admin/login");
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task LoadAsync(CancellationToken ct)
    {
        Urls = ToolUrls.For(Request);
        Now = time.GetUtcNow();
        Platforms = await catalog.ListAsync(ct);
        Links = await links.ListAsync(ct);
    }
}
