using LtiPD.Lti;
using LtiPD.Lti.Registration;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Features.Shared;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Registration;

/// <summary>
/// The Dynamic Registration 1.0 initiation URL: the LMS opens it (in a frame or a window) with
/// openid_configuration and registration_token; the tool registers itself with the LMS and the LMS with
/// itself, then tells the LMS window it is done with the org.imsglobal.lti.close message (§3.7).
/// </summary>
public sealed class RegisterModel(DynamicRegistrationClient registration, PlatformCatalog catalog, IOptions<ToolOptions> tool, ILogger<RegisterModel> logger) : PageModel
{
    public Refusal? Refusal { get; private set; }

    public RegisteredPlatform? Registered { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "openid_configuration")] string? configuration,
        [FromQuery(Name = "registration_token")] string? token, CancellationToken ct)
    {
        // Only https, or loopback for a lab LMS on the same machine: the URL comes from a browser, and the
        // tool must not be steered into fetching addresses inside the university's network over plain http.
        if (!Uri.TryCreate(configuration, UriKind.Absolute, out var configurationUrl)
            || !(configurationUrl.Scheme == Uri.UriSchemeHttps || (configurationUrl.Scheme == Uri.UriSchemeHttp && configurationUrl.IsLoopback)))
            return Refuse(new LtiError(LtiErrorCodes.RegistrationParameterMissing,
                "Open this address from your LMS's tool registration: it needs an openid_configuration https address."));

        var urls = ToolUrls.For(Request);
        var result = await registration.RegisterAsync(configurationUrl, string.IsNullOrEmpty(token) ? null : token, new ToolDescription(
            tool.Value.Name,
            "Professional development of university teachers: competence assessments, micro-credentials and individual routes.",
            urls.Login, urls.Launch, urls.DeepLinking, urls.Jwks,
            [LtiScopes.LineItem, LtiScopes.LineItemReadOnly, LtiScopes.ResultReadOnly, LtiScopes.Score, LtiScopes.ContextMembershipReadOnly]), ct);
        if (result.Error is { } error)
            return Refuse(error);

        var platform = result.Platform!;
        var errors = await catalog.AddAsync(new PlatformInput(platform.Issuer, platform.ClientId, platform.AuthUrl.AbsoluteUri,
            platform.TokenUrl.AbsoluteUri, platform.JwksUrl.AbsoluteUri, [platform.DeploymentId], platform.ProductFamilyCode), ct);
        if (errors.Count > 0)
            return Refuse(new LtiError(LtiErrorCodes.RegistrationValuesInvalid,
                "The LMS registered the tool, but its values cannot be used: " + string.Join(" ", errors.Select(e => e.Message))));

        logger.LogInformation("Dynamic registration: {Issuer} client {ClientId} deployment {DeploymentId}", platform.Issuer, platform.ClientId, platform.DeploymentId);
        Registered = platform;
        return Page();
    }

    private PageResult Refuse(LtiError error)
    {
        Refusal = Refusal.From(error);
        Response.StatusCode = Refusal.Status;
        return Page();
    }
}
