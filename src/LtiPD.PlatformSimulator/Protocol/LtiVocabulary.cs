namespace LtiPD.PlatformSimulator.Protocol;

/// <summary>Claim names of LTI Core 1.3 §5, Deep Linking 2.0 §4, AGS 2.0 §3.1 and NRPS 2.0 §3.6.</summary>
internal static class LtiClaims
{
    private const string Lti = "https://purl.imsglobal.org/spec/lti/claim/";
    private const string Dl = "https://purl.imsglobal.org/spec/lti-dl/claim/";

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
    public const string Ext = Lti + "ext";
    public const string Lti11LegacyUserId = Lti + "lti11_legacy_user_id";
    public const string AgsEndpoint = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public const string NamesRoleService = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    public const string BasicOutcome = "https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome";
    public const string DeepLinkingSettings = Dl + "deep_linking_settings";
    public const string ContentItems = Dl + "content_items";
    public const string Data = Dl + "data";
    public const string Msg = Dl + "msg";
    public const string ErrorMsg = Dl + "errormsg";

    public const string LtiVersion = "1.3.0";
    public const string ResourceLinkRequest = "LtiResourceLinkRequest";
    public const string DeepLinkingRequest = "LtiDeepLinkingRequest";
    public const string DeepLinkingResponse = "LtiDeepLinkingResponse";

    /// <summary>Dynamic Registration 1.0 §3.4 and §3.5 configuration objects.</summary>
    public const string PlatformConfiguration = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    public const string ToolConfiguration = "https://purl.imsglobal.org/spec/lti-tool-configuration";
}

/// <summary>OAuth 2 scopes of AGS 2.0 §3.1 and NRPS 2.0 §3.5, the only ones the token endpoint grants.</summary>
internal static class LtiScopes
{
    public const string LineItem = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    public const string LineItemReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    public const string ResultReadOnly = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    public const string Score = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    public const string ContextMembershipReadOnly = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

    public static readonly IReadOnlyList<string> Ags = [LineItem, LineItemReadOnly, ResultReadOnly, Score];
    public static readonly IReadOnlyList<string> All = [.. Ags, ContextMembershipReadOnly];
}

/// <summary>LIS role URIs (LTI Core §A.2).</summary>
internal static class LtiRoles
{
    private const string Membership = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

    public const string Learner = Membership + "Learner";
    public const string Instructor = Membership + "Instructor";
    public const string InstitutionAdministrator = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";

    /// <summary>
    /// The simple name NRPS 2.0 §3.6 allows for context (membership) roles, as Moodle answers ("Learner"); other roles keep
    /// their full URI because only context roles have a short form.
    /// </summary>
    public static string ShortName(string role) =>
        role.StartsWith(Membership, StringComparison.Ordinal) ? role[Membership.Length..] : role;
}

/// <summary>Media types of AGS 2.0 §3.2–3.5 and NRPS 2.0 §3.6.</summary>
internal static class LtiMediaTypes
{
    public const string LineItem = "application/vnd.ims.lis.v2.lineitem+json";
    public const string LineItemContainer = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    public const string Score = "application/vnd.ims.lis.v1.score+json";
    public const string ResultContainer = "application/vnd.ims.lis.v2.resultcontainer+json";
    public const string MembershipContainer = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";
    public const string Html = "text/html; charset=utf-8";
    public const string Text = "text/plain; charset=utf-8";
}
