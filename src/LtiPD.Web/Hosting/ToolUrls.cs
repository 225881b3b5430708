using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

/// <summary>The tool's own absolute URLs, the ones LMS administrators register and platforms call.</summary>
public sealed record ToolUrls(Uri BaseUrl)
{
    public Uri Login => new(BaseUrl, "lti/login");
    public Uri Launch => new(BaseUrl, "lti/launch");
    public Uri DeepLinking => new(BaseUrl, "lti/deeplink");
    public Uri Jwks => new(BaseUrl, "lti/jwks");
    public Uri Registration => new(BaseUrl, "lti/register");
    public Uri Config => new(BaseUrl, "lti/config");
    public Uri CanvasConfig => new(BaseUrl, "lti/canvas.json");

    /// <summary>The redirect URIs to register with a platform: the launch and the deep-linking targets.</summary>
    public IReadOnlyList<Uri> RedirectUris => [Launch, DeepLinking];

    /// <summary>
    /// The configured public base URL. Only in Development may it be missing (start-up refuses that elsewhere); then
    /// the request's own scheme and host stand in, which is what a newcomer on localhost wants.
    /// </summary>
    public static ToolUrls For(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<ToolOptions>>().Value.PublicBaseUrl;
        var baseUrl = string.IsNullOrEmpty(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured;
        return new ToolUrls(new Uri(baseUrl.TrimEnd('/') + "/"));
    }
}
