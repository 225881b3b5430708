using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Shared;

/// <summary>
/// The refusal page for answers no Razor page renders: a status the framework set with no body (an unknown address, a
/// method a page does not take), a request the framework could not read, a rate limit. It looks and reads like
/// <c>_Refusal.cshtml</c> — the sentence in the reader's language, the stable code small — so every status the tool
/// answers with has a page a person understands.
/// </summary>
public static class RefusalPage
{
    /// <summary>The stable code and the sentence's resource key for a status.</summary>
    public static (string Code, string SentenceKey) ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("bad_request", "Status.400"),
        StatusCodes.Status401Unauthorized => ("session_invalid", "Status.401"),
        StatusCodes.Status403Forbidden => ("forbidden", "Status.403"),
        StatusCodes.Status404NotFound => ("not_found", "Status.404"),
        StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "Status.405"),
        StatusCodes.Status413PayloadTooLarge => ("body_too_large", "Status.413"),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Status.415"),
        StatusCodes.Status429TooManyRequests => ("rate_limited", "Status.429"),
        >= 500 => ("internal_error", "Status.500"),
        _ => ("refused", "Status.Other"),
    };

    /// <summary>The sentence for a status in the reader's language.</summary>
    public static Refusal ForStatus(HttpContext context, int status)
    {
        var (code, key) = ForStatus(status);
        return new Refusal(code, Localizer(context)[key], status);
    }

    public static async Task WriteAsync(HttpContext context, Refusal refusal, CancellationToken ct = default)
    {
        var t = Localizer(context);
        var html = context.RequestServices.GetRequiredService<HtmlEncoder>();
        var language = UiCulture(context).TwoLetterISOLanguageName;
        var back = WayBack(context.Request.Path);
        context.Response.StatusCode = refusal.Status;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{html.Encode(language)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>{html.Encode(t["Refusal.Title"])} · LtiPD</title><link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/static/site.css"></head>
            <body><header class="bar"><span class="brand">LtiPD</span></header>
            <main id="main"><section class="refusal" role="alert" aria-labelledby="refusal-title">
            <h1 id="refusal-title">{html.Encode(t["Refusal.Title"])}</h1>
            <p class="refusal-message">{html.Encode(refusal.Message)}</p>
            <p class="muted">{html.Encode(t["Refusal.Code"])}: <code id="error-code">{html.Encode(refusal.Code)}</code></p>
            {(back is not { } way ? $"<p class=\"hint\">{html.Encode(t["Refusal.Hint"])}</p>" : $"<p><a id=\"back-home\" href=\"{html.Encode(way.Href)}\">{html.Encode(t[way.TextKey])}</a></p>")}
            </section></main></body></html>
            """, ct);
    }

    /// <summary>
    /// Where a refused reader goes next: inside a session its home page, one click from their own pages whatever address they
    /// mistyped; on an admin page the administration. Null elsewhere, where the page tells them to start again from the LMS.
    /// </summary>
    public static (string Href, string TextKey)? WayBack(PathString path) =>
        SessionHome(path) is { } home ? (home, "Refusal.BackHome")
        : path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) ? ("/admin", "Admin.Back")
        : null;

    /// <summary>The home page of the session a path belongs to, or null outside a session.</summary>
    public static string? SessionHome(PathString path)
    {
        var value = path.Value;
        if (value is null || !value.StartsWith("/s/", StringComparison.OrdinalIgnoreCase))
            return null;
        var end = value.IndexOf('/', 3);
        var sid = end < 0 ? value[3..] : value[3..end];
        return sid.Length is >= 16 and <= 64 && sid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? $"/s/{sid}/home" : null;
    }

    /// <summary>
    /// The request's UI culture as the localization middleware chose it. This runs after the inner pipeline has returned,
    /// where the culture it set on the async flow is no longer visible, so it is read from the request's feature.
    /// </summary>
    private static CultureInfo UiCulture(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;

    private static IStringLocalizer Localizer(HttpContext context)
    {
        var culture = UiCulture(context);
        CultureInfo.CurrentUICulture = culture;
        return context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
    }
}
