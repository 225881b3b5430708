using System.Text.Json;
using LtiPD.PlatformSimulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>
/// An answer built by a handler and written by <see cref="SimulatorHttp"/>. Handlers return values instead of writing to the
/// response so the exact status and body can be recorded.
/// </summary>
internal sealed record SimResponse(int Status, string Body = "", string? ContentType = null)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>HTTP/1.1 reason phrase; Moodle puts its error message there.</summary>
    public string? ReasonPhrase { get; init; }

    public static SimResponse Json(int status, object value, string contentType = LtiMediaTypes.Json) =>
        new(status, JsonSerializer.Serialize(value, SimJson.Relaxed), contentType);

    public static SimResponse Text(int status, string text) => new(status, text, LtiMediaTypes.Text);

    public static SimResponse Html(int status, string html) => new(status, html, LtiMediaTypes.Html);

    public SimResponse WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        if (ReasonPhrase is not null && response.HttpContext.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = ReasonPhrase;
        }

        foreach (var (name, value) in Headers)
        {
            response.Headers.Append(name, value);
        }

        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        if (Body.Length > 0)
        {
            await response.WriteAsync(Body, response.HttpContext.RequestAborted);
        }
    }
}
