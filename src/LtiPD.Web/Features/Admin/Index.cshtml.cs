using LtiPD.Lti.Keys;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Admin;

/// <summary>Platform registrations and tool keys, for the LMS administrator.</summary>
public sealed class IndexModel(PlatformCatalog catalog, ToolKeyRing keys, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<PlatformSummary> Platforms { get; private set; } = [];
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
        Platforms = await catalog.ListAsync(ct);
    }
}
