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
}
