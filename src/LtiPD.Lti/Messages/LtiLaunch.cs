using LtiPD.Lti.Platforms;

namespace LtiPD.Lti.Messages;

/// <summary>
/// A launch that passed every check of LTI Core 1.3 §5 and Security Framework 1.0 §5.1.3: signed by the
/// registered platform, addressed to this tool, fresh, never seen before, from a registered deployment.
/// </summary>
public sealed record LtiLaunch(PlatformRegistration Platform, LtiMessage Message, string PayloadJson)
{
    public string Issuer => Platform.Issuer;
    public string ClientId => Platform.ClientId;
    public string DeploymentId => Message.DeploymentId!;
    public string UserId => Message.Subject!;
    public string MessageType => Message.MessageType!;
    public IReadOnlyList<string> Roles => Message.Roles!;
    public string? ContextId => Message.Context?.Id;
    public string? ResourceLinkId => Message.ResourceLink?.Id;

    /// <summary>The user's locale: launch_presentation.locale (LTI Core §5.4.4), else the OIDC locale claim.</summary>
    public string? Locale => Message.LaunchPresentation?.Locale ?? Message.Locale;

    public bool IsDeepLinking => MessageType == LtiMessageTypes.DeepLinkingRequest;
}
