namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>Claim names as the platform writes them (kept apart from the tool's own constants on purpose).</summary>
public static class Claims
{
    public const string MessageType = "https://purl.imsglobal.org/spec/lti/claim/message_type";
    public const string Version = "https://purl.imsglobal.org/spec/lti/claim/version";
    public const string DeploymentId = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
    public const string Roles = "https://purl.imsglobal.org/spec/lti/claim/roles";
    public const string ResourceLink = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
    public const string Context = "https://purl.imsglobal.org/spec/lti/claim/context";
    public const string LaunchPresentation = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation";
    public const string Learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    public const string Instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public const string Custom = "https://purl.imsglobal.org/spec/lti/claim/custom";
    public const string AgsEndpoint = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

    /// <summary>
    /// Makes the launch one of a link our deep linking created for <paramref name="item"/>: its custom parameter names the item
    /// (ltipd_instrument, or ltipd_module with <paramref name="module"/>), so the link's line item is that item's column.
    /// </summary>
    public static void LinkTo(LtiPD.PlatformSimulator.IdTokenDraft draft, string item, bool module = false) =>
        draft.Claims[Custom] = new Dictionary<string, object?> { [module ? "ltipd_module" : "ltipd_instrument"] = item };
}
