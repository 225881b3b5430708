namespace LtiPD.PlatformSimulator;

/// <summary>Which LTI message a launch sends.</summary>
public enum LaunchKind
{
    ResourceLink,
    DeepLinking,
}

/// <summary>How the course page shows the tool: replacing the page (Moodle "existing window") or embedded in an iframe.</summary>
public enum LaunchPresentation
{
    Window,
    Iframe,
}

/// <summary>A person known to the platform. <paramref name="Roles"/> are full LIS role URIs (LTI Core §5.3.7).</summary>
public sealed record SimUser(string Sub, string Name, string GivenName, string FamilyName, string Email, IReadOnlyList<string> Roles)
{
    /// <summary>Moodle's username, sent in the ext claim; the fixtures use the e-mail's local part ("student1").</summary>
    public string Username => Email.Split('@')[0];
}

/// <summary>A course (LTI context).</summary>
public sealed record SimContext(string Id, string Label, string Title);

/// <summary>A placement of the tool in the course. <paramref name="TargetLinkUri"/> null means the tool's launch URL.</summary>
public sealed record SimResourceLink(string Id, string Title, Uri? TargetLinkUri, IReadOnlyDictionary<string, string> Custom);

/// <summary>A gradebook column (AGS 2.0 §3.2). <paramref name="Id"/> is the line item URL the tool uses.</summary>
public sealed record SimLineItem(
    Uri Id,
    string Label,
    double ScoreMaximum,
    string? ResourceId,
    string? Tag,
    string? ResourceLinkId,
    DateTimeOffset? StartDateTime = null,
    DateTimeOffset? EndDateTime = null);

/// <summary>A score the tool posted (AGS 2.0 §3.4), as received.</summary>
public sealed record SimScore(
    Uri LineItemId,
    string UserId,
    double? ScoreGiven,
    double? ScoreMaximum,
    string ActivityProgress,
    string GradingProgress,
    DateTimeOffset Timestamp,
    string? Comment);
