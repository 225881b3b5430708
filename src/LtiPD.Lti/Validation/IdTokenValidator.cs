using System.Text.Json;
using LtiPD.Lti.Messages;
using LtiPD.Lti.Platforms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Validation;

/// <summary>The outcome of validating an id_token: a launch, or the reason it was refused.</summary>
public readonly record struct LaunchValidation(LtiLaunch? Launch, LtiError? Error)
{
    public static implicit operator LaunchValidation(LtiError error) => new(null, error);
}

/// <summary>
/// Validates an LTI 1.3 id_token as Security Framework 1.0 §5.1.3 requires, then the LTI message
/// itself (LTI Core 1.3 §5.3, Deep Linking 2.0 §4.4). Each refusal names a stable code.
/// The nonce is consumed last, so a token refused for any other reason does not burn it.
/// </summary>
public sealed class IdTokenValidator(
    IPlatformRegistry platforms,
    PlatformKeySetCache keys,
    INonceStore nonces,
    TimeProvider time,
    IOptions<LtiOptions> options,
    ILogger<IdTokenValidator> logger)
{
    /// <summary>
    /// Only asymmetric RSA algorithms (Security Framework 1.0 §6.1 requires RS256). "none" and the HS*
    /// family are never accepted: HS256 keyed with a platform's public key is the classic forgery.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    public const string SupportedVersion = "1.3.0";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async ValueTask<LaunchValidation> ValidateAsync(string? idToken, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idToken))
            return Refuse(LtiErrorCodes.IdTokenMissing, "The platform did not send an id_token.");

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(idToken);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return Refuse(LtiErrorCodes.MalformedJwt, "The id_token is not a well-formed signed JWT.");
        }
        if (jwt.IsEncrypted)
            return Refuse(LtiErrorCodes.MalformedJwt, "The id_token is encrypted; LTI 1.3 id_tokens are signed JWTs (JWS).");

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
            return Refuse(LtiErrorCodes.AlgNotAllowed, $"The id_token is signed with '{jwt.Alg}'; only RS256, RS384 and RS512 are accepted.");
        if (string.IsNullOrEmpty(jwt.Kid))
            return Refuse(LtiErrorCodes.KidMissing, "The id_token header has no 'kid', so the platform key that signed it cannot be chosen.");

        LtiMessage message;
        byte[] payload;
        try
        {
            payload = Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload);
            message = JsonSerializer.Deserialize(payload, LtiMessageJsonContext.Default.LtiMessage)
                ?? throw new JsonException("empty payload");
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return Refuse(LtiErrorCodes.ClaimMalformed, "A claim of the id_token has the wrong shape (for example a date that is not a number).");
        }

        if (string.IsNullOrEmpty(message.Issuer))
            return Refuse(LtiErrorCodes.IssuerMissing, "The id_token has no issuer ('iss').");
        if (message.Audience is not { Count: > 0 })
            return Refuse(LtiErrorCodes.AudienceMissing, "The id_token has no audience ('aud').");

        var candidates = await platforms.FindByIssuerAsync(message.Issuer, ct);
        if (candidates.Count == 0)
            return Refuse(LtiErrorCodes.UnknownIssuer, $"No platform with issuer '{message.Issuer}' is registered with this tool.");
        var platform = candidates.FirstOrDefault(p => message.Audience.Contains(p.ClientId, StringComparer.Ordinal));
        if (platform is null)
            return Refuse(LtiErrorCodes.UnknownClientId, $"The id_token is addressed to a client id that is not registered for '{message.Issuer}'.");

        // Security Framework 1.0 §5.1.3 steps 4–5: with several audiences azp must be present and be us;
        // when azp is present it must be us in any case.
        if ((message.Audience.Count > 1 || message.AuthorizedParty is not null) && message.AuthorizedParty != platform.ClientId)
            return Refuse(LtiErrorCodes.AzpMismatch, "The id_token names several audiences but its authorized party ('azp') is not this tool.");

        SecurityKey? key;
        try
        {
            key = await keys.FindKeyAsync(platform.JwksUrl, jwt.Kid, ct);
        }
        catch (JwksUnavailableException e)
        {
            return Refuse(LtiErrorCodes.JwksUnavailable, e.Message);
        }
        if (key is null)
            return Refuse(LtiErrorCodes.KidUnknown, $"The platform does not publish a key with kid '{jwt.Kid}'.");

        var signature = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            // Issuer, audience and lifetime are checked below, from the same parsed claims, so that each
            // failure gets its own code; the handler is asked for the signature alone.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!signature.IsValid)
            return Refuse(LtiErrorCodes.BadSignature, "The id_token signature does not verify against the platform's key.");

        var lifetime = CheckLifetime(message);
        if (lifetime is not null)
            return Refuse(lifetime);

        if (string.IsNullOrEmpty(message.Subject))
            return Refuse(LtiErrorCodes.SubjectMissing, "The id_token has no subject ('sub'), so the user is unknown.");

        var claims = CheckLtiClaims(message, platform);
        if (claims is not null)
            return Refuse(claims);

        if (string.IsNullOrEmpty(message.Nonce))
            return Refuse(LtiErrorCodes.NonceMissing, "The id_token has no nonce.");
        var keepUntil = DateTimeOffset.FromUnixTimeSeconds(message.ExpiresAt!.Value) + options.Value.ClockSkew;
        if (!await nonces.TryUseAsync(platform.Issuer, message.Nonce, keepUntil, ct))
            return Refuse(LtiErrorCodes.NonceReplayed, "This launch was already used once; start it again from the LMS.");

        return new LaunchValidation(new LtiLaunch(platform, message, System.Text.Encoding.UTF8.GetString(payload)), null);
    }

    private LtiError? CheckLifetime(LtiMessage message)
    {
        if (message.ExpiresAt is null || message.IssuedAt is null)
            return new(LtiErrorCodes.TimestampsMissing, "The id_token must carry both 'iat' and 'exp'.");
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var skew = options.Value.ClockSkewSeconds;
        if (message.ExpiresAt.Value + skew <= now)
            return new(LtiErrorCodes.Expired, "The launch has expired; start it again from the LMS.");
        if (message.IssuedAt.Value - skew > now || message.NotBefore - skew > now)
            return new(LtiErrorCodes.IssuedInFuture, "The id_token claims to be issued in the future; the platform's clock may be wrong.");
        return null;
    }

    private static LtiError? CheckLtiClaims(LtiMessage m, PlatformRegistration platform)
    {
        if (m.MessageType is null && m.Version is null && m.DeploymentId is null)
            return new(LtiErrorCodes.NotAnLtiMessage, "The token is a valid JWT but not an LTI message (no LTI claims).");
        if (string.IsNullOrEmpty(m.MessageType))
            return new(LtiErrorCodes.MessageTypeMissing, "The LTI message has no message_type.");
        if (string.IsNullOrEmpty(m.Version))
            return new(LtiErrorCodes.VersionMissing, "The LTI message has no version.");
        if (m.Version != SupportedVersion)
            return new(LtiErrorCodes.VersionUnsupported, $"LTI version '{m.Version}' is not supported; this tool speaks 1.3.0.");
        if (m.MessageType is not (LtiMessageTypes.ResourceLinkRequest or LtiMessageTypes.DeepLinkingRequest))
            return new(LtiErrorCodes.MessageTypeUnsupported, $"Message type '{m.MessageType}' is not supported by this tool.");
        if (string.IsNullOrEmpty(m.DeploymentId))
            return new(LtiErrorCodes.DeploymentIdMissing, "The LTI message has no deployment_id.");
        if (!platform.HasDeployment(m.DeploymentId))
            return new(LtiErrorCodes.UnknownDeployment, $"Deployment '{m.DeploymentId}' is not registered for this platform; ask the LMS administrator to add it.");
        if (m.Roles is null)
            return new(LtiErrorCodes.RolesMissing, "The LTI message has no roles claim (an empty list is allowed, a missing one is not).");
        if (string.IsNullOrEmpty(m.TargetLinkUri))
            return new(LtiErrorCodes.TargetLinkUriMissing, "The LTI message has no target_link_uri.");
        if (m.MessageType == LtiMessageTypes.ResourceLinkRequest && string.IsNullOrEmpty(m.ResourceLink?.Id))
            return new(LtiErrorCodes.ResourceLinkIdMissing, "The resource link launch has no resource_link.id.");
        if (m.MessageType == LtiMessageTypes.DeepLinkingRequest
            && (string.IsNullOrEmpty(m.DeepLinkingSettings?.DeepLinkReturnUrl) || m.DeepLinkingSettings.AcceptTypes is null))
            return new(LtiErrorCodes.DeepLinkingSettingsMissing, "The deep linking request has no deep_link_return_url or accept_types.");
        return null;
    }

    private LtiError Refuse(string code, string message) => Refuse(new LtiError(code, message));

    private LtiError Refuse(LtiError error)
    {
        logger.LogWarning("id_token refused: {Code}: {Reason}", error.Code, error.Message);
        return error;
    }
}
