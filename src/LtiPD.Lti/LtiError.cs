namespace LtiPD.Lti;

/// <summary>
/// A refusal of outside input by the protocol layer: a stable, machine-readable <see cref="Code"/>
/// (documented, never renamed) and a sentence a person understands. The host maps it to a 4xx answer.
/// </summary>
public sealed record LtiError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The stable error codes of login initiation, launch validation, registration and deep-linking responses.</summary>
public static class LtiErrorCodes
{
    public const string LoginParameterMissing = "login_parameter_missing";
    public const string UnknownIssuer = "unknown_issuer";
    public const string UnknownClientId = "unknown_client_id";
    public const string UnknownDeployment = "unknown_deployment";

    public const string IdTokenMissing = "id_token_missing";
    public const string MalformedJwt = "malformed_jwt";
    public const string KidMissing = "kid_missing";
    public const string KidUnknown = "kid_unknown";
    public const string AlgNotAllowed = "alg_not_allowed";
    public const string BadSignature = "bad_signature";
    public const string JwksUnavailable = "jwks_unavailable";
    public const string IssuerMissing = "iss_missing";
    public const string AudienceMissing = "aud_missing";
    public const string AzpMismatch = "azp_mismatch";
    public const string SubjectMissing = "sub_missing";
    public const string Expired = "token_expired";
    public const string IssuedInFuture = "iat_in_future";
    public const string TimestampsMissing = "timestamps_missing";
    public const string NonceMissing = "nonce_missing";
    public const string NonceReplayed = "nonce_replayed";
    public const string NotAnLtiMessage = "not_an_lti_message";
    public const string MessageTypeMissing = "message_type_missing";
    public const string MessageTypeUnsupported = "message_type_unsupported";
    public const string VersionMissing = "version_missing";
    public const string VersionUnsupported = "version_unsupported";
    public const string DeploymentIdMissing = "deployment_id_missing";
    public const string RolesMissing = "roles_missing";
    public const string ResourceLinkIdMissing = "resource_link_id_missing";
    public const string TargetLinkUriMissing = "target_link_uri_missing";
    public const string DeepLinkingSettingsMissing = "deep_linking_settings_missing";
    public const string ClaimMalformed = "claim_malformed";

    public const string StateMissing = "state_missing";
    public const string StateMismatch = "state_mismatch";
    public const string StateExpired = "state_expired";
    public const string BodyTooLarge = "body_too_large";
    public const string SessionInvalid = "session_invalid";

    public const string RegistrationParameterMissing = "registration_parameter_missing";
    public const string RegistrationConfigurationUnavailable = "registration_configuration_unavailable";
    public const string RegistrationConfigurationInvalid = "registration_configuration_invalid";
    public const string RegistrationRefused = "registration_refused";
    public const string RegistrationValuesInvalid = "registration_values_invalid";
    public const string RegistrationLinkRequired = "registration_link_required";
    public const string RegistrationLinkInvalid = "registration_link_invalid";
    public const string RegistrationLinkUsed = "registration_link_used";
    public const string RegistrationLinkExpired = "registration_link_expired";
    public const string RegistrationLinkBusy = "registration_link_busy";
    public const string RegistrationPlatformExists = "registration_platform_exists";

    public const string NotADeepLinkingRequest = "not_a_deep_linking_request";
    public const string DeepLinkingMultipleNotAccepted = "deep_linking_multiple_not_accepted";
    public const string DeepLinkingTypeNotAccepted = "deep_linking_type_not_accepted";
    public const string DeepLinkingTargetNotAccepted = "deep_linking_target_not_accepted";
    public const string DeepLinkingLineItemNotAccepted = "deep_linking_line_item_not_accepted";
}
