namespace LtiPD.Data.Entities;

/// <summary>
/// One content item the tool signed in an LtiDeepLinkingResponse (Deep Linking 2.0 §4.5): what a course designer attached to
/// a course (platform, deployment, context of the deep-linking launch), as the tool told the platform, with the line item it
/// declared (§3.1 lineItem). The platform does not tell the tool what it did with the response, so this is the tool's side of
/// the story; <see cref="LaunchedAt"/> is set by the first resource-link launch in the course whose custom parameters name the
/// item, the proof the LMS placed it. Removing the platform removes its rows.
/// </summary>
public sealed class AttachedItemEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }

    /// <summary>Null when the deep-linking launch named no course (a platform's content selection outside a course).</summary>
    public string? ContextId { get; set; }

    /// <summary>What the item opens: 0 an assessment, 1 a micro-credential module (the web host's AttachedKind).</summary>
    public int Kind { get; set; }

    /// <summary>The instrument or module code the item's custom parameter names.</summary>
    public required string ResourceCode { get; set; }

    public required string Title { get; set; }

    /// <summary>The declared line item's scoreMaximum; null when the response asked for no gradebook column.</summary>
    public double? ScoreMaximum { get; set; }

    public string? LineItemTag { get; set; }
    public string? LineItemResourceId { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string SignedBy { get; set; }
    public string? SignedByName { get; set; }
    public DateTimeOffset? LaunchedAt { get; set; }

    /// <summary>The LMS's resource link id of the first launch that named the item.</summary>
    public string? LaunchedResourceLinkId { get; set; }
}
