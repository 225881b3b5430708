using LtiPD.Data;
using LtiPD.Lti;
using LtiPD.Lti.Login;
using LtiPD.Lti.Validation;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// The redirect URI: the platform form-posts id_token and state here (Security Framework 1.0 §5.1.1.3).
/// Every check lives in <see cref="IdTokenValidator"/> (the token) and here (the browser binding);
/// a refused launch creates no session.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)] // a cross-site form_post from the LMS; state + nonce are the defence
[RequestSizeLimit(MaxBodyBytes)]
public sealed class LaunchModel(
    IdTokenValidator validator,
    PendingLogins pendingLogins,
    LaunchSessions sessions,
    LtiPdDbContext db,
    TimeProvider time,
    IStringLocalizer<SharedResource> t,
    ILogger<LaunchModel> logger) : PageModel
{
    /// <summary>Real id_tokens are a few kilobytes; anything near this is not a launch.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public Refusal? Refusal { get; private set; }

    /// <summary>Set when the state must be fetched back from platform storage to finish the launch.</summary>
    public StorageGet? Storage { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return Refuse(LtiErrorCodes.BodyTooLarge, "The launch request is larger than any LTI launch should be.");
        }

        if (form["error"] is { Count: > 0 } platformError)
            return Refuse(LtiErrorCodes.IdTokenMissing,
                $"The LMS answered the login with an error ({platformError}): {form["error_description"]}");

        var state = form["state"].ToString();
        if (string.IsNullOrEmpty(state))
            return Refuse(LtiErrorCodes.StateMissing, "The launch has no state, so it cannot be matched to a login this tool started.");

        // The nonce and the session are two statements on one connection. (One transaction for both was measured too: it
        // saved nothing, and a refused launch must still spend its nonce.)
        await using var connection = await db.HoldConnectionAsync(ct);
        var validation = await validator.ValidateAsync(form["id_token"], ct);
        if (validation.Error is { } error)
            return Refuse(error.Code, error.Message);
        var launch = validation.Launch!;

        // The state is single-use through its nonce, which the validator has just spent: a state names one nonce (PendingLogins).
        var pending = pendingLogins.Find(state);
        if (pending is null)
            return Refuse(LtiErrorCodes.StateMismatch, "The launch's state does not match any login this tool started.");
        if (pending.ExpiresAt < time.GetUtcNow())
            return Refuse(LtiErrorCodes.StateExpired, "The login took too long to finish; start the activity again from the LMS.");
        if (pending.Nonce != launch.Message.Nonce || pending.Issuer != launch.Issuer || pending.ClientId != launch.ClientId)
            return Refuse(LtiErrorCodes.StateMismatch, "The launch's state belongs to a different login than its id_token.");

        if (StateCookie.Matches(Request, state))
        {
            StateCookie.Delete(Response, state);
            var session = await sessions.CreateAsync(launch, pendingState: null, ct);
            logger.LogInformation("Launch accepted: {MessageType} for user {UserId} on {Issuer} deployment {DeploymentId} as {Role}",
                launch.MessageType, launch.UserId, launch.Issuer, launch.DeploymentId, session.Role);
            return LocalRedirect(Landing.For(session));
        }

        if (pending.StorageTarget is null)
            return Refuse(LtiErrorCodes.StateMismatch,
                "This browser did not start the login for this launch (its state cookie is missing). If your browser blocks cookies in the LMS frame, open the activity in a new window.");

        var waiting = await sessions.CreateAsync(launch, pendingState: state, ct);
        logger.LogInformation("Launch for user {UserId} on {Issuer} waits for platform storage to confirm its state", launch.UserId, launch.Issuer);
        Storage = new StorageGet(pending.StorageTarget, PlatformStorage.OriginOf(launch.Platform.AuthUrl),
            PlatformStorage.StateKey(state), waiting.Id, state);
        return Page();
    }

    private PageResult Refuse(string code, string message)
    {
        if (code is LtiErrorCodes.StateMissing or LtiErrorCodes.StateMismatch or LtiErrorCodes.StateExpired or LtiErrorCodes.BodyTooLarge)
            logger.LogWarning("Launch refused: {Code}: {Reason}", code, message);
        Refusal = Refusal.From(new LtiError(code, message), t);
        Response.StatusCode = Refusal.Status;
        return Page();
    }
}

/// <summary>What the launch page asks the platform frame to give back (lti.get_data) to prove the browser.</summary>
public sealed record StorageGet(string Target, string Origin, string Key, string SessionId, string State);

/// <summary>Where a session lands after its launch.</summary>
public static class Landing
{
    /// <summary>
    /// A deep-linking request goes to the picker (which refuses anyone below course designer). A teacher's resource-link launch
    /// opens the item the link was created for (its custom ltipd_instrument or ltipd_module, set by our deep-linking response), else the
    /// teacher's home; designers keep their own page on any resource link.
    /// </summary>
    public static string For(LaunchSession session) => session switch
    {
        { MessageType: LtiMessageTypes.DeepLinkingRequest } => $"/s/{session.Id}/pick",
        { Role: ToolRole.Teacher, MessageType: LtiMessageTypes.ResourceLinkRequest, LinkedInstrument: { Length: > 0 } code } =>
            $"/s/{session.Id}/assess/{Uri.EscapeDataString(code)}",
        { Role: ToolRole.Teacher, MessageType: LtiMessageTypes.ResourceLinkRequest, LinkedModule: { Length: > 0 } module } =>
            $"/s/{session.Id}/modules/{Uri.EscapeDataString(module)}",
        { Role: ToolRole.Teacher, MessageType: LtiMessageTypes.ResourceLinkRequest } => $"/s/{session.Id}/home",
        _ => $"/s/{session.Id}/design",
    };
}
