using LtiPD.Data;
using LtiPD.Lti;
using LtiPD.Lti.Http;
using LtiPD.Lti.Registration;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Features.Shared;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Registration;

/// <summary>
/// The Dynamic Registration 1.0 initiation URL, reached only through a one-time link an administrator created
/// (<c>/lti/register/{link}</c>): the LMS opens it (in a frame or a window) with openid_configuration and registration_token
/// (§3.3); the tool reads the LMS's configuration (§3.4), registers itself with the LMS (§3.5) and the LMS with itself, then
/// tells the LMS window it is done with the org.imsglobal.lti.close message (§3.7). The platform is added and the link spent
/// in one transaction: a registration that fails at any step leaves nothing behind and gives the link back.
/// </summary>
public sealed class RegisterModel(
    DynamicRegistrationClient registration,
    PlatformCatalog catalog,
    RegistrationLinks links,
    LtiPdDbContext db,
    IOptions<ToolOptions> tool,
    IOptions<RegistrationOptions> options,
    IOptions<OutboundHttpOptions> outbound,
    IStringLocalizer<SharedResource> t,
    ILogger<RegisterModel> logger) : PageModel
{
    public Refusal? Refusal { get; private set; }

    public RegisteredPlatform? Registered { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? link, [FromQuery(Name = "openid_configuration")] string? configuration,
        [FromQuery(Name = "registration_token")] string? token, CancellationToken ct)
    {
        ClaimedLink? claimed = null;
        if (link is not null || !options.Value.AllowWithoutLink)
        {
            if (link is null)
                return Refuse(new LtiError(LtiErrorCodes.RegistrationLinkRequired,
                    "LtiPD registers an LMS only through a registration link. Ask the LtiPD administrator for one and paste it into your LMS as the tool's registration URL."),
                    StatusCodes.Status403Forbidden);
            var (owned, linkError) = await links.ClaimAsync(link, ct);
            if (linkError is not null)
                return Refuse(linkError, linkError.Code == LtiErrorCodes.RegistrationLinkBusy ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden);
            claimed = owned;
        }

        var refusal = await RegisterAsync(claimed, configuration, token, ct);
        if (refusal is not null && claimed is not null)
            await links.ReleaseAsync(claimed, ct);
        return refusal ?? Page();
    }

    private async Task<IActionResult?> RegisterAsync(ClaimedLink? link, string? configuration, string? token, CancellationToken ct)
    {
        var allowLoopbackHttp = outbound.Value.AllowLoopbackHttp;
        if (PlatformUrls.Parse(configuration, allowLoopbackHttp) is not { } configurationUrl)
            return Refuse(new LtiError(LtiErrorCodes.RegistrationParameterMissing,
                "Open this address from your LMS's tool registration: it needs an openid_configuration https address."));

        var urls = ToolUrls.For(Request);
        var result = await registration.RegisterAsync(configurationUrl, string.IsNullOrEmpty(token) ? null : token, new ToolDescription(
            tool.Value.Name,
            "Professional development of university teachers: competence assessments, micro-credentials and individual routes.",
            urls.Login, urls.Launch, urls.DeepLinking, urls.Jwks,
            [LtiScopes.LineItem, LtiScopes.LineItemReadOnly, LtiScopes.ResultReadOnly, LtiScopes.Score, LtiScopes.ContextMembershipReadOnly]),
            allowLoopbackHttp, ct);
        if (result.Error is { } error)
            return Refuse(error);

        var platform = result.Platform!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var errors = await catalog.AddNewAsync(new PlatformInput(platform.Issuer, platform.ClientId, platform.AuthUrl.AbsoluteUri,
            platform.TokenUrl.AbsoluteUri, platform.JwksUrl.AbsoluteUri, [platform.DeploymentId], platform.ProductFamilyCode), ct);
        if (errors.Any(e => e.Code == PlatformCatalog.PlatformExists))
        {
            logger.LogWarning("Dynamic registration refused: {Issuer} client {ClientId} is already registered", platform.Issuer, platform.ClientId);
            return Refuse(new LtiError(LtiErrorCodes.RegistrationPlatformExists,
                "This LMS (issuer and client ID) is already registered with LtiPD, and a registration never replaces one. Remove the new tool in the LMS; the LtiPD administrator can change or remove the existing registration."),
                StatusCodes.Status409Conflict);
        }
        if (errors.Count > 0)
            return Refuse(new LtiError(LtiErrorCodes.RegistrationValuesInvalid,
                "The LMS registered the tool, but its values cannot be used: " + string.Join(" ", errors.Select(e => e.Message))));
        if (link is not null && !await links.SpendAsync(link, platform.Issuer, platform.ClientId, platform.DeploymentId, ct))
            return Refuse(new LtiError(LtiErrorCodes.RegistrationLinkUsed,
                "This registration link was used by another registration at the same moment. Ask the LtiPD administrator for a new link."),
                StatusCodes.Status409Conflict);
        await transaction.CommitAsync(ct);

        logger.LogInformation("Dynamic registration: {Issuer} client {ClientId} deployment {DeploymentId} (link {LinkId})",
            platform.Issuer, platform.ClientId, platform.DeploymentId, link?.Id ?? "none: registration without link is allowed");
        Registered = platform;
        return null;
    }

    private PageResult Refuse(LtiError error, int? status = null)
    {
        Refusal = status is { } s ? Refusal.From(error, t) with { Status = s } : Refusal.From(error, t);
        Response.StatusCode = Refusal.Status;
        logger.LogWarning("Registration refused: {Code}", error.Code);
        return Page();
    }
}
