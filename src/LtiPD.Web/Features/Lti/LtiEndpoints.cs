using System.Reflection;
using LtiPD.Lti.Keys;
using LtiPD.Web.Hosting;

namespace LtiPD.Web.Features.Lti;

/// <summary>The machine-facing LTI URLs: the tool's JWKS and the configuration values an LMS needs.</summary>
public static class LtiEndpoints
{
    private const string CanvasTemplateHost = "ltipd.example.edu";
    private const string CanvasTemplateBaseUrl = "https://" + CanvasTemplateHost;

    public static IEndpointRouteBuilder MapLtiEndpoints(this IEndpointRouteBuilder app)
    {
        var lti = app.MapGroup("/lti");

        // Security Framework 1.0 §6.3: platforms fetch the tool's public keys here to verify its
        // client assertions and deep-linking responses. Short caching lets a rotation show quickly.
        lti.MapGet("/jwks", async (ToolKeyRing keys, HttpResponse response, CancellationToken ct) =>
        {
            response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Text(await keys.GetJwksJsonAsync(ct), "application/json");
        });

        lti.MapGet("/config", (HttpRequest request) =>
        {
            var urls = ToolUrls.For(request);
            return TypedResults.Json(new Dictionary<string, string>
            {
                ["login_initiation_url"] = urls.Login.AbsoluteUri,
                ["launch_url"] = urls.Launch.AbsoluteUri,
                ["jwks_url"] = urls.Jwks.AbsoluteUri,
                ["deep_linking_url"] = urls.DeepLinking.AbsoluteUri,
                ["registration_url"] = urls.Registration.AbsoluteUri,
                ["registration_note"] = "Dynamic Registration works only through a one-time link from the tool's administrator: registration_url/<secret>.",
                ["canvas_configuration_url"] = urls.CanvasConfig.AbsoluteUri,
            });
        });

        // The Canvas developer-key JSON of lti-config/, with this tool's real base URL.
        lti.MapGet("/canvas.json", (HttpRequest request) =>
        {
            var baseUrl = ToolUrls.For(request).BaseUrl;
            var json = CanvasTemplate.Value
                .Replace(CanvasTemplateBaseUrl, baseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal)
                .Replace(CanvasTemplateHost, baseUrl.Authority, StringComparison.Ordinal);
            return TypedResults.Text(json, "application/json");
        });

        return app;
    }

    private static readonly Lazy<string> CanvasTemplate = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("canvas-developer-key.json")
            ?? throw new InvalidOperationException("The Canvas configuration template is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
