using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LtiPD.Lti.Keys;
using LtiPD.Lti.Messages;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.DeepLinking;

/// <summary>Optional words for the platform (Deep Linking 2.0 §4.5): shown to the user (msg, errormsg) or logged (log, errorlog).</summary>
public sealed record DeepLinkingMessages(string? Message = null, string? Log = null, string? ErrorMessage = null, string? ErrorLog = null);

/// <summary>A signed LtiDeepLinkingResponse and where it goes: posted by the browser to <see cref="ReturnUrl"/> as the form field JWT.</summary>
public sealed record DeepLinkingResponse(Uri ReturnUrl, string Jwt)
{
    /// <summary>The form field name Deep Linking 2.0 §4.5 prescribes.</summary>
    public const string FormField = "JWT";

    public IReadOnlyDictionary<string, string> FormFields => new Dictionary<string, string>(StringComparer.Ordinal) { [FormField] = Jwt };

    /// <summary>
    /// An HTML form that posts the response to the platform as soon as it loads, with a button for browsers without script.
    /// <paramref name="scriptNonce"/> is the host's CSP nonce; <paramref name="buttonText"/> lets the host translate the button.
    /// </summary>
    public string ToAutoPostHtml(string? scriptNonce = null, string buttonText = "Continue")
    {
        var html = HtmlEncoder.Default;
        var nonce = scriptNonce is null ? "" : $" nonce=\"{html.Encode(scriptNonce)}\"";
        return $"""
            <form id="lti-deep-linking-response" method="post" action="{html.Encode(ReturnUrl.AbsoluteUri)}">
            <input type="hidden" name="{FormField}" value="{html.Encode(Jwt)}">
            <noscript><button type="submit">{html.Encode(buttonText)}</button></noscript>
            </form>
            <script{nonce}>document.getElementById("lti-deep-linking-response").submit();</script>
            """;
    }
}

public readonly record struct DeepLinkingResult(DeepLinkingResponse? Response, LtiError? Error)
{
    public static implicit operator DeepLinkingResult(LtiError error) => new(null, error);

    public static implicit operator DeepLinkingResult(DeepLinkingResponse response) => new(response, null);
}

/// <summary>
/// Builds the LtiDeepLinkingResponse (Deep Linking 2.0 §4.5) for a deep-linking launch: the chosen items are first checked
/// against what the platform said it accepts (§4.4.1), then signed RS256 with the tool's current key (its kid in the header, so
/// the platform finds it in the tool's JWKS). iss is the tool's client_id and aud the platform's issuer, the reverse of the
/// launch; the data value of the request comes back unchanged, because platforms use it to tie the answer to their request.
/// </summary>
public sealed class DeepLinkingResponseBuilder(ToolKeyRing keys, TimeProvider time)
{
    /// <summary>
    /// The browser posts the response at once; five minutes covers a slow page and clock skew while keeping a leaked token
    /// useless soon (the platform also holds each nonce once).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<DeepLinkingResult> BuildAsync(
        LtiLaunch launch, IReadOnlyList<ContentItem> items, DeepLinkingMessages? messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(items);
        if (!launch.IsDeepLinking)
            return new LtiError(LtiErrorCodes.NotADeepLinkingRequest, "Content can only be returned to the platform from a deep-linking launch.");
        if (launch.Message.DeepLinkingSettings is not { } settings)
            return new LtiError(LtiErrorCodes.DeepLinkingSettingsMissing, "The deep-linking launch has no deep_linking_settings claim.");
        if (!Uri.TryCreate(settings.DeepLinkReturnUrl, UriKind.Absolute, out var returnUrl) || returnUrl.Scheme is not ("https" or "http"))
            return new LtiError(LtiErrorCodes.ClaimMalformed, "The deep-linking settings have no usable deep_link_return_url.");
        if (Check(settings, items) is { } refusal)
            return refusal;

        var now = time.GetUtcNow();
        var payload = Payload(launch, settings, items, messages ?? new DeepLinkingMessages(), now);
        var jwt = Handler.CreateToken(payload, await keys.GetSigningCredentialsAsync(ct));
        return new DeepLinkingResponse(returnUrl, jwt);
    }

    /// <summary>
    /// Deep Linking 2.0 §4.4.1: more than one item only when accept_multiple is true (absent counts as false, the safe reading);
    /// only types named in accept_types; only presentation targets named in accept_presentation_document_targets (when the
    /// platform names none, the item's wish is left to it); no lineItem when accept_lineitem is false.
    /// </summary>
    public static LtiError? Check(DeepLinkingSettingsClaim settings, IReadOnlyList<ContentItem> items)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > 1 && settings.AcceptMultiple != true)
            return new LtiError(LtiErrorCodes.DeepLinkingMultipleNotAccepted,
                $"The platform accepts one item here, and {items.Count} were chosen.");

        var types = settings.AcceptTypes ?? [];
        var targets = settings.AcceptPresentationDocumentTargets;
        foreach (var item in items)
        {
            if (!types.Contains(item.Type, StringComparer.Ordinal))
                return new LtiError(LtiErrorCodes.DeepLinkingTypeNotAccepted,
                    $"The platform does not accept content of type '{item.Type}' here (it accepts: {Named(types)}).");
            if (targets is not null && item.RequestedTargets().FirstOrDefault(t => !targets.Contains(t, StringComparer.Ordinal)) is { } target)
                return new LtiError(LtiErrorCodes.DeepLinkingTargetNotAccepted,
                    $"The platform cannot show '{item.Title ?? item.Type}' in a {target} (it accepts: {Named(targets)}).");
            if (item is LtiResourceLinkItem { LineItem: not null } && settings.AcceptLineItem == false)
                return new LtiError(LtiErrorCodes.DeepLinkingLineItemNotAccepted,
                    $"The platform does not create gradebook columns from deep links, so '{item.Title ?? item.Type}' cannot carry one.");
        }
        return null;
    }

    private static string Named(IReadOnlyList<string> values) => values.Count == 0 ? "nothing" : string.Join(", ", values);

    private static string Payload(LtiLaunch launch, DeepLinkingSettingsClaim settings, IReadOnlyList<ContentItem> items, DeepLinkingMessages messages, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", launch.ClientId);
            json.WriteString("aud", launch.Issuer);
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            json.WriteString("nonce", Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24)));
            json.WriteString(LtiClaims.MessageType, LtiMessageTypes.DeepLinkingResponse);
            json.WriteString(LtiClaims.Version, Validation.IdTokenValidator.SupportedVersion);
            json.WriteString(LtiClaims.DeploymentId, launch.DeploymentId);
            json.WritePropertyName(LtiClaims.DeepLinkingContentItems);
            JsonSerializer.Serialize(json, items, DeepLinkingJsonContext.Default.IReadOnlyListContentItem);
            if (settings.Data is { } data)
                json.WriteString(LtiClaims.DeepLinkingData, data);
            WriteIfSet(json, LtiClaims.DeepLinkingMsg, messages.Message);
            WriteIfSet(json, LtiClaims.DeepLinkingLog, messages.Log);
            WriteIfSet(json, LtiClaims.DeepLinkingErrorMsg, messages.ErrorMessage);
            WriteIfSet(json, LtiClaims.DeepLinkingErrorLog, messages.ErrorLog);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteIfSet(Utf8JsonWriter json, string claim, string? value)
    {
        if (value is not null)
            json.WriteString(claim, value);
    }
}
