using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace LtiPD.Web.Features.Shared;

/// <summary>
/// The language of pages opened outside an LTI launch (the admin pages, a credential's public page, the verifier): no LMS
/// names a locale there, so the reader chooses with a switch on the page. The choice is kept in ASP.NET Core's standard
/// culture cookie (<see cref="CookieRequestCultureProvider"/>); without it the browser's Accept-Language decides, then
/// English. Inside a launch the session's locale still wins (<see cref="Lti.SessionCultureProvider"/> runs first).
/// </summary>
public static class LanguageSwitch
{
    public const string Path = "/language";

    /// <summary>Each language named in itself, so a reader finds theirs whatever the page's current language.</summary>
    public static readonly IReadOnlyList<(string Culture, string Name)> Languages = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")];

    /// <summary>Pages read outside a launch, where the switch is offered.</summary>
    public static bool IsShownOn(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/credentials", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the switch sends the reader back: the page's own address for a GET, the page alone after a POST (its handler is no page).</summary>
    public static string ReturnUrl(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();

    /// <summary>
    /// POST /language: stores the chosen language and goes back (303) to the page. A POST with the antiforgery token, so no other
    /// site can change a reader's language; an unknown language or a foreign return address is refused with a page.
    /// </summary>
    public static IEndpointConventionBuilder MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, ILoggerFactory logs) =>
        {
            var logger = logs.CreateLogger(typeof(LanguageSwitch));
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                logger.LogWarning("Language switch refused: no form or no valid antiforgery token");
                await RefusalPage.WriteAsync(context, RefusalPage.ForStatus(context, StatusCodes.Status400BadRequest), context.RequestAborted);
                return;
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var culture = form["culture"].ToString();
            var back = form["returnUrl"].ToString();
            if (!Languages.Any(l => l.Culture == culture) || !IsLocal(back))
            {
                logger.LogWarning("Language switch refused: language {Culture}, return address {ReturnUrl}", culture, back);
                await RefusalPage.WriteAsync(context, RefusalPage.ForStatus(context, StatusCodes.Status400BadRequest), context.RequestAborted);
                return;
            }
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Path = "/",
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365),
                });
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = back;
        });

    /// <summary>An address on this site: one leading slash, not "//host" nor "/\host", which browsers read as another site.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
