using Microsoft.AspNetCore.Localization;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// The UI language of a session page is the launch locale (LTI Core 1.3 §5.4.4 launch_presentation.locale),
/// not the browser's: the LMS knows which language the teacher chose. The session it loads is kept for the
/// page, so the page does not look it up twice.
/// </summary>
public sealed class SessionCultureProvider : RequestCultureProvider
{
    public static async Task<LaunchSession?> FindSessionAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(LaunchSession), out var cached))
            return cached as LaunchSession;
        var segments = context.Request.Path.Value?.Split('/', 4);
        LaunchSession? session = null;
        if (segments is ["", "s", var sid, ..] && sid.Length > 0)
            session = await context.RequestServices.GetRequiredService<LaunchSessions>().FindActiveAsync(sid, context.RequestAborted);
        context.Items[typeof(LaunchSession)] = session;
        return session;
    }

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/s"))
            return null;
        var session = await FindSessionAsync(httpContext);
        return session is null ? null : new ProviderCultureResult(session.Culture.Name);
    }
}
