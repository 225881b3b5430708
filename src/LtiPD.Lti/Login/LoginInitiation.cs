namespace LtiPD.Lti.Login;

/// <summary>
/// A third-party initiated login (Security Framework 1.0 §5.1.1.1, LTI Core 1.3 §4.1). Platforms send it
/// as GET or POST; Moodle posts it, Canvas names the deployment "deployment_id" instead of
/// "lti_deployment_id". lti_storage_target comes from the LTI Client Side postMessages spec.
/// </summary>
public sealed record LoginInitiation(
    string Issuer,
    string LoginHint,
    Uri TargetLinkUri,
    string? LtiMessageHint,
    string? ClientId,
    string? DeploymentId,
    string? StorageTarget)
{
    /// <summary>Reads the parameters; a missing required one is a typed refusal.</summary>
    public static LoginInitiationParse Parse(Func<string, string?> parameter)
    {
        string? Get(string name) => parameter(name) is { Length: > 0 } v ? v : null;

        var missing = new List<string>();
        var issuer = Get("iss");
        var loginHint = Get("login_hint");
        var target = Get("target_link_uri");
        if (issuer is null) missing.Add("iss");
        if (loginHint is null) missing.Add("login_hint");
        if (target is null) missing.Add("target_link_uri");
        if (missing.Count > 0)
            return new(null, new LtiError(LtiErrorCodes.LoginParameterMissing,
                $"The login request from the LMS lacks {string.Join(", ", missing)}."));
        if (!Uri.TryCreate(target, UriKind.Absolute, out var targetUri) || targetUri.Scheme is not ("https" or "http"))
            return new(null, new LtiError(LtiErrorCodes.LoginParameterMissing, "The login request's target_link_uri is not an absolute web address."));

        return new(new LoginInitiation(
            issuer!,
            loginHint!,
            targetUri,
            Get("lti_message_hint"),
            Get("client_id"),
            Get("lti_deployment_id") ?? Get("deployment_id"),
            Get("lti_storage_target")), null);
    }
}

public readonly record struct LoginInitiationParse(LoginInitiation? Login, LtiError? Error);

/// <summary>
/// A login the tool started and is waiting to see finished: the state and nonce it sent to the platform, whom it sent them
/// to, and where the platform offered to keep the state (LTI Client Side postMessages). The state carries the rest sealed
/// (<see cref="PendingLogins"/>), so any node can finish it, after a restart too.
/// </summary>
public sealed record PendingLogin(
    string State,
    string Nonce,
    string Issuer,
    string ClientId,
    string? StorageTarget,
    DateTimeOffset ExpiresAt);
