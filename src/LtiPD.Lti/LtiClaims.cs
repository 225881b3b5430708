namespace LtiPD.Lti;

/// <summary>Claim names of LTI 1.3 messages (LTI Core 1.3 §5.3–5.4, AGS 2.0 §3.1, NRPS 2.0 §3.6, DL 2.0 §4.4).</summary>
public static class LtiClaims
{
    private const string Lti = "https://purl.imsglobal.org/spec/lti/claim/";

    public const string MessageType = Lti + "message_type";
    public const string Version = Lti + "version";
    public const string DeploymentId = Lti + "deployment_id";
    public const string TargetLinkUri = Lti + "target_link_uri";
    public const string ResourceLink = Lti + "resource_link";
    public const string Roles = Lti + "roles";
    public const string Context = Lti + "context";
    public const string ToolPlatform = Lti + "tool_platform";
    public const string LaunchPresentation = Lti + "launch_presentation";
    public const string Custom = Lti + "custom";
    public const string Lis = Lti + "lis";
    public const string RoleScopeMentor = Lti + "role_scope_mentor";
    public const string AgsEndpoint = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public const string NamesRoleService = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    public const string DeepLinkingSettings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    public const string DeepLinkingContentItems = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    public const string DeepLinkingData = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
    public const string DeepLinkingMsg = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";
    public const string DeepLinkingLog = "https://purl.imsglobal.org/spec/lti-dl/claim/log";
    public const string DeepLinkingErrorMsg = "https://purl.imsglobal.org/spec/lti-dl/claim/errormsg";
    public const string DeepLinkingErrorLog = "https://purl.imsglobal.org/spec/lti-dl/claim/errorlog";
}

/// <summary>The message types this tool accepts (LTI Core 1.3 §5.3.1, Deep Linking 2.0 §4.4.1).</summary>
public static class LtiMessageTypes
{
    public const string ResourceLinkRequest = "LtiResourceLinkRequest";
    public const string DeepLinkingRequest = "LtiDeepLinkingRequest";
    public const string DeepLinkingResponse = "LtiDeepLinkingResponse";
}

/// <summary>OAuth2 scopes of the LTI Advantage services (AGS 2.0 §3.1, NRPS 2.0 §3.6).</summary>
public static class LtiScopes
{
    public const string LineItem = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public const string LineItemReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    public const string ResultReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public const string Score = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public const string ContextMembershipReadOnly = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
}
