using LtiPD.Data;
using LtiPD.Domain.People;
using LtiPD.Lti;
using LtiPD.Web.Features.Lti;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Shared;

/// <summary>
/// A page reached through a launch session (/s/{sid}/...). The session is resolved before any handler
/// runs; an unknown or expired reference gets 401, a role below <see cref="MinimumRole"/> gets 403.
/// The UI language is the launch locale's (<see cref="SessionCultureProvider"/>).
/// </summary>
// CSRF: the session id in the path is a 256-bit secret a cross-site page cannot know, and it never leaves
// in a Referer (no-referrer). An antiforgery cookie would not help here anyway: inside an LMS iframe the
// browser may block the tool's cookies, which is why the session is not a cookie in the first place.
[IgnoreAntiforgeryToken(Order = 1001)]
public abstract class SessionPageModel : PageModel
{
    public const string RoleForbidden = "role_forbidden";
    public const string UnknownAction = "unknown_action";

    /// <summary>The least role that may open the page.</summary>
    protected virtual ToolRole MinimumRole => ToolRole.Teacher;

    public LaunchSession LtiSession { get; private set; } = null!;

    public Refusal? Refusal { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var session = await SessionCultureProvider.FindSessionAsync(HttpContext);
        // Session pages are per person: never cached by the browser or a proxy.
        Response.Headers.CacheControl = "no-store";
        if (session is null)
        {
            context.Result = Refuse(LtiErrorCodes.SessionInvalid, StatusCodes.Status401Unauthorized);
            return;
        }

        LtiSession = session;
        ViewData["Context"] = session.ContextTitle;
        if (session.Role < MinimumRole)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<SessionPageModel>>()
                .LogWarning("Session of user {UserId} with role {Role} refused page {Page}", session.UserId, session.Role, Request.Path);
            context.Result = Refuse(RoleForbidden, StatusCodes.Status403Forbidden);
            return;
        }
        if (context.HandlerMethod is null && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            // A POST for a handler this page does not have would otherwise render the page without running
            // any handler, with none of its data loaded.
            context.Result = Refuse(UnknownAction, StatusCodes.Status405MethodNotAllowed);
            return;
        }
        // A page's handler runs several queries (the teacher's home about ten), which share one open of the connection.
        await using var connection = await HttpContext.RequestServices.GetRequiredService<LtiPdDbContext>()
            .HoldSqliteConnectionAsync(HttpContext.RequestAborted);
        await next();
    }

    /// <summary>Refuses with the code's sentence from the resources (<see cref="Refusal.Of"/>) in the session's language.</summary>
    protected PageResult Refuse(string code, int status, params object[] arguments) => Refuse(Refusal.Of(Words, code, status, arguments));

    /// <summary>The resource sentences, in the session's language.</summary>
    protected IStringLocalizer<SharedResource> Words => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    protected PageResult Refuse(Refusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = refusal.Status;
        return Page();
    }
}

/// <summary>
/// Forms on session pages carry no antiforgery token: the pages ignore it (see <see cref="SessionPageModel"/>), so the token
/// and its cookie would cost a Data Protection round and a Set-Cookie on every render, and the framework would log a warning
/// each time (the page's own Cache-Control: no-store is "overridden"). A form may still ask for one with asp-antiforgery="true".
/// </summary>
public sealed class SessionFormsWithoutAntiforgery : ITagHelperInitializer<FormTagHelper>
{
    public void Initialize(FormTagHelper helper, ViewContext context)
    {
        if (context.ActionDescriptor is CompiledPageActionDescriptor { HandlerTypeInfo: var handler }
            && handler.IsSubclassOf(typeof(SessionPageModel)))
            helper.Antiforgery = false;
    }
}
