using System.Text.Json.Serialization;

namespace LtiPD.Lti.DeepLinking;

/// <summary>Content item types of Deep Linking 2.0 §3, as named in <c>accept_types</c>.</summary>
public static class ContentItemTypes
{
    public const string LtiResourceLink = "ltiResourceLink";
    public const string Link = "link";
}

/// <summary>Presentation targets of <c>accept_presentation_document_targets</c> (Deep Linking 2.0 §4.4.1).</summary>
public static class PresentationTargets
{
    public const string Iframe = "iframe";
    public const string Window = "window";
}

/// <summary>
/// One item the tool returns in an LtiDeepLinkingResponse (Deep Linking 2.0 §3). <see cref="Iframe"/> and <see cref="Window"/>
/// say how the tool would like it shown; each one set must be among the targets the platform accepts.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(LtiResourceLinkItem), ContentItemTypes.LtiResourceLink)]
[JsonDerivedType(typeof(LinkItem), ContentItemTypes.Link)]
public abstract record ContentItem
{
    [JsonIgnore] public abstract string Type { get; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("iframe")] public IframePresentation? Iframe { get; init; }
    [JsonPropertyName("window")] public WindowPresentation? Window { get; init; }

    /// <summary>The presentation targets this item asks for; none means "as the platform sees fit".</summary>
    internal IEnumerable<string> RequestedTargets()
    {
        if (Iframe is not null)
            yield return PresentationTargets.Iframe;
        if (Window is not null)
            yield return PresentationTargets.Window;
    }
}

/// <summary>
/// An LTI resource link (Deep Linking 2.0 §3.1): the platform places a link that launches the tool at <see cref="Url"/> (its
/// default launch URL when null) with <see cref="Custom"/> parameters, and creates the gradebook column <see cref="LineItem"/>.
/// </summary>
public sealed record LtiResourceLinkItem : ContentItem
{
    [JsonIgnore] public override string Type => ContentItemTypes.LtiResourceLink;
    [JsonPropertyName("url")] public Uri? Url { get; init; }
    [JsonPropertyName("custom")] public IReadOnlyDictionary<string, string>? Custom { get; init; }
    [JsonPropertyName("lineItem")] public DeepLinkLineItem? LineItem { get; init; }
}

/// <summary>A plain web link (Deep Linking 2.0 §3.2).</summary>
public sealed record LinkItem([property: JsonPropertyName("url")] Uri Url) : ContentItem
{
    [JsonIgnore] public override string Type => ContentItemTypes.Link;
}

/// <summary>The line item a platform creates with a resource link (Deep Linking 2.0 §3.1 lineItem); scoreMaximum is required.</summary>
public sealed record DeepLinkLineItem([property: JsonPropertyName("scoreMaximum")] double ScoreMaximum)
{
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("resourceId")] public string? ResourceId { get; init; }
    [JsonPropertyName("tag")] public string? Tag { get; init; }
}

/// <summary>Show the item in an iframe of this size (pixels).</summary>
public sealed record IframePresentation(
    [property: JsonPropertyName("width")] int? Width = null,
    [property: JsonPropertyName("height")] int? Height = null);

/// <summary>Open the item in a new window: its name (to reuse one window) and size or window.open features.</summary>
public sealed record WindowPresentation(
    [property: JsonPropertyName("targetName")] string? TargetName = null,
    [property: JsonPropertyName("width")] int? Width = null,
    [property: JsonPropertyName("height")] int? Height = null,
    [property: JsonPropertyName("windowFeatures")] string? WindowFeatures = null);

[JsonSerializable(typeof(IReadOnlyList<ContentItem>))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class DeepLinkingJsonContext : JsonSerializerContext;
