using System.Text.Json;
using System.Text.Json.Serialization;

namespace LtiPD.PlatformSimulator.Protocol;

/// <summary>
/// The opaque <c>lti_message_hint</c> (Security Framework §5.1.1.1): the launch page names the launch in it and the auth endpoint
/// reads it back, as Moodle does with its <c>{"cmid":…,"launchid":…}</c>.
/// </summary>
internal sealed record LaunchHint(string User, string Kind, string? Link, string Presentation, string? Locale = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = SimJson.Relaxed.Encoder };

    public const string ResourceKind = "resource";
    public const string DeepLinkingKind = "deeplinking";
    public const string WindowPresentation = "window";
    public const string IframePresentation = "iframe";

    [JsonIgnore]
    public LaunchKind LaunchKind => Kind == DeepLinkingKind ? LaunchKind.DeepLinking : LaunchKind.ResourceLink;

    [JsonIgnore]
    public LaunchPresentation LaunchPresentation => Presentation == IframePresentation ? LaunchPresentation.Iframe : LaunchPresentation.Window;

    /// <summary>A locale as LMSs write it in launch_presentation: "en", "ru_RU", "kk-KZ".</summary>
    public static bool IsLocale(string value) =>
        value.Length is >= 2 and <= 8 && value.All(c => char.IsAsciiLetter(c) || c is '_' or '-') && char.IsAsciiLetter(value[0]);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static LaunchHint? TryParse(string text)
    {
        try
        {
            var hint = JsonSerializer.Deserialize<LaunchHint>(text, Json);
            return hint is { User.Length: > 0, Kind: ResourceKind or DeepLinkingKind, Presentation: WindowPresentation or IframePresentation }
                && (hint.Locale is null || IsLocale(hint.Locale)) ? hint : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
