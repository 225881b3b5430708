using System.Security.Cryptography;
using LtiPD.Lti.Platforms;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Login;

/// <summary>The tool's answer to a login initiation: where to send the browser, and the state to bind to it.</summary>
public sealed record AuthenticationRedirect(Uri Location, PendingLogin Login);

public readonly record struct LoginResult(AuthenticationRedirect? Redirect, LtiError? Error)
{
    public static implicit operator LoginResult(LtiError error) => new(null, error);
}

/// <summary>
/// Turns a login initiation into the OIDC authentication request of Security Framework 1.0 §5.1.1.2:
/// a fresh state and nonce (<see cref="PendingLogins"/>), and the browser sent to the platform's auth endpoint.
/// </summary>
public sealed class LoginService(
    IPlatformRegistry platforms,
    PendingLogins pendingLogins,
    TimeProvider time,
    IOptions<LtiOptions> options,
    ILogger<LoginService> logger)
{
    /// <param name="redirectUri">Where the platform must post the id_token; registered with the platform.</param>
    public async Task<LoginResult> BeginAsync(LoginInitiation login, Uri redirectUri, CancellationToken ct)
    {
        var registrations = await platforms.FindByIssuerAsync(login.Issuer, ct);
        if (registrations.Count == 0)
            return Refuse(LtiErrorCodes.UnknownIssuer, $"No platform with issuer '{login.Issuer}' is registered with this tool. Ask the LMS administrator to register it.");

        // client_id is optional in the login request (LTI Core 1.3 §4.1.3); without it the issuer must be unambiguous.
        var platform = login.ClientId is null
            ? (registrations.Count == 1 ? registrations[0] : null)
            : registrations.FirstOrDefault(r => r.ClientId == login.ClientId);
        if (platform is null)
            return login.ClientId is null
                ? Refuse(LtiErrorCodes.UnknownClientId, $"Several client ids are registered for '{login.Issuer}' and the platform did not say which one it is.")
                : Refuse(LtiErrorCodes.UnknownClientId, $"Client id '{login.ClientId}' is not registered for '{login.Issuer}'.");

        if (login.DeploymentId is not null && !platform.HasDeployment(login.DeploymentId))
            return Refuse(LtiErrorCodes.UnknownDeployment, $"Deployment '{login.DeploymentId}' is not registered for this platform; ask the LMS administrator to add it.");

        var pending = pendingLogins.Begin(platform.Issuer, platform.ClientId, login.StorageTarget,
            time.GetUtcNow().AddSeconds(options.Value.LoginStateLifetimeSeconds));

        var query = new Dictionary<string, string?>
        {
            ["scope"] = "openid",
            ["response_type"] = "id_token",
            ["response_mode"] = "form_post",
            ["prompt"] = "none",
            ["client_id"] = platform.ClientId,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["login_hint"] = login.LoginHint,
            ["state"] = pending.State,
            ["nonce"] = pending.Nonce,
        };
        if (login.LtiMessageHint is not null)
            query["lti_message_hint"] = login.LtiMessageHint;

        // A GET redirect, not an auto-posted form: Moodle 4.5.11+ refuses a POST to auth.php.
        var location = new Uri(QueryHelpers.AddQueryString(platform.AuthUrl.AbsoluteUri, query));
        return new LoginResult(new AuthenticationRedirect(location, pending), null);
    }

    /// <summary>256 random bits, URL-safe: unguessable state, nonce and session references.</summary>
    public static string NewOpaqueValue() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private LtiError Refuse(string code, string message)
    {
        logger.LogWarning("Login initiation refused: {Code}: {Reason}", code, message);
        return new LtiError(code, message);
    }
}
