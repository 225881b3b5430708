using LtiPD.Lti;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// The last step of a cookie-less launch: the launch page read the state back from platform storage
/// (the answer came from the LMS window's origin) and posts it here to activate its session.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)] // posted from the tool's own launch page; the session id and state are single-use secrets
public sealed class ConfirmModel(LaunchSessions sessions, IStringLocalizer<SharedResource> t, ILogger<ConfirmModel> logger) : PageModel
{
    public Refusal? Refusal { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        var session = await sessions.ConfirmAsync(form["session"].ToString(), form["state"].ToString(), ct);
        if (session is not null)
            return LocalRedirect(Landing.For(session));

        logger.LogWarning("Platform-storage confirmation refused: the session is unknown, expired or its state did not match");
        Refusal = Refusal.Of(t, LtiErrorCodes.StateMismatch, StatusCodes.Status400BadRequest);
        Response.StatusCode = Refusal.Status;
        return Page();
    }
}
