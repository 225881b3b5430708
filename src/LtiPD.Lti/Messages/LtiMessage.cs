using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LtiPD.Lti.Messages;

/// <summary>
/// The payload of an LTI 1.3 id_token as the platform sent it (LTI Core 1.3 §5, Deep Linking 2.0 §4.4).
/// Every member is nullable: presence is checked by <see cref="Validation.IdTokenValidator"/>, which then
/// hands out a <see cref="LtiLaunch"/> whose required parts are known to be there.
/// </summary>
public sealed record LtiMessage
{
    [JsonPropertyName("iss")] public string? Issuer { get; init; }
    [JsonPropertyName("sub")] public string? Subject { get; init; }
    [JsonPropertyName("aud"), JsonConverter(typeof(StringOrArrayConverter))] public IReadOnlyList<string>? Audience { get; init; }
    [JsonPropertyName("azp")] public string? AuthorizedParty { get; init; }
    [JsonPropertyName("exp"), JsonConverter(typeof(NumericDateConverter))] public long? ExpiresAt { get; init; }
    [JsonPropertyName("iat"), JsonConverter(typeof(NumericDateConverter))] public long? IssuedAt { get; init; }
    [JsonPropertyName("nbf"), JsonConverter(typeof(NumericDateConverter))] public long? NotBefore { get; init; }
    [JsonPropertyName("nonce")] public string? Nonce { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("given_name")] public string? GivenName { get; init; }
    [JsonPropertyName("family_name")] public string? FamilyName { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("locale")] public string? Locale { get; init; }

    [JsonPropertyName(LtiClaims.MessageType)] public string? MessageType { get; init; }
    [JsonPropertyName(LtiClaims.Version)] public string? Version { get; init; }
    [JsonPropertyName(LtiClaims.DeploymentId)] public string? DeploymentId { get; init; }
    [JsonPropertyName(LtiClaims.TargetLinkUri)] public string? TargetLinkUri { get; init; }
    [JsonPropertyName(LtiClaims.ResourceLink)] public ResourceLinkClaim? ResourceLink { get; init; }
    [JsonPropertyName(LtiClaims.Roles)] public IReadOnlyList<string>? Roles { get; init; }
    [JsonPropertyName(LtiClaims.Context)] public ContextClaim? Context { get; init; }
    [JsonPropertyName(LtiClaims.ToolPlatform)] public ToolPlatformClaim? ToolPlatform { get; init; }
    [JsonPropertyName(LtiClaims.LaunchPresentation)] public LaunchPresentationClaim? LaunchPresentation { get; init; }
    [JsonPropertyName(LtiClaims.Custom), JsonConverter(typeof(CustomParametersConverter))] public IReadOnlyDictionary<string, string>? Custom { get; init; }
    [JsonPropertyName(LtiClaims.AgsEndpoint)] public AgsEndpointClaim? Ags { get; init; }
    [JsonPropertyName(LtiClaims.NamesRoleService)] public NamesRoleServiceClaim? NamesRoleService { get; init; }
    [JsonPropertyName(LtiClaims.DeepLinkingSettings)] public DeepLinkingSettingsClaim? DeepLinkingSettings { get; init; }

    /// <summary>
    /// Reads back a payload this tool already validated and stored (a launch session keeps it), so a later request can act on
    /// the launch's claims (the deep-linking settings, the custom parameters) without the token. Not a validation: the caller
    /// must only pass payloads that came out of <see cref="Validation.IdTokenValidator"/>.
    /// </summary>
    public static LtiMessage? FromValidatedPayload(string payloadJson)
    {
        try
        {
            return JsonSerializer.Deserialize(payloadJson, LtiMessageJsonContext.Default.LtiMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The namesroleservice claim of a validated payload (as <see cref="FromValidatedPayload"/>), read without deserializing
    /// the rest: every view of a page that lists colleagues needs only this claim, and the whole message cost more than the page's
    /// queries.
    /// </summary>
    public static NamesRoleServiceClaim? NamesRoleServiceOf(string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(payloadJson.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(payloadJson, buffer)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isClaim = reader.ValueTextEquals(LtiClaims.NamesRoleService);
                reader.Read();
                if (isClaim)
                    return JsonSerializer.Deserialize(ref reader, LtiMessageJsonContext.Default.NamesRoleServiceClaim);
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>LTI Core 1.3 §5.3.5.</summary>
public sealed record ResourceLinkClaim(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("description")] string? Description = null);

/// <summary>LTI Core 1.3 §5.4.1.</summary>
public sealed record ContextClaim(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("label")] string? Label = null,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("type")] IReadOnlyList<string>? Type = null);

/// <summary>LTI Core 1.3 §5.4.2.</summary>
public sealed record ToolPlatformClaim(
    [property: JsonPropertyName("guid")] string? InstanceGuid,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("product_family_code")] string? ProductFamilyCode = null,
    [property: JsonPropertyName("version")] string? Version = null);

/// <summary>LTI Core 1.3 §5.4.4.</summary>
public sealed record LaunchPresentationClaim(
    [property: JsonPropertyName("document_target")] string? DocumentTarget = null,
    [property: JsonPropertyName("return_url")] string? ReturnUrl = null,
    [property: JsonPropertyName("locale")] string? Locale = null,
    [property: JsonPropertyName("width")] int? Width = null,
    [property: JsonPropertyName("height")] int? Height = null);

/// <summary>AGS 2.0 §3.1: where the line items live and what the tool may do with them.</summary>
public sealed record AgsEndpointClaim(
    [property: JsonPropertyName("scope")] IReadOnlyList<string>? Scope = null,
    [property: JsonPropertyName("lineitems")] string? LineItems = null,
    [property: JsonPropertyName("lineitem")] string? LineItem = null);

/// <summary>NRPS 2.0 §3.6.</summary>
public sealed record NamesRoleServiceClaim(
    [property: JsonPropertyName("context_memberships_url")] string? ContextMembershipsUrl = null,
    [property: JsonPropertyName("service_versions")] IReadOnlyList<string>? ServiceVersions = null);

/// <summary>Deep Linking 2.0 §4.4.1.</summary>
public sealed record DeepLinkingSettingsClaim(
    [property: JsonPropertyName("deep_link_return_url")] string? DeepLinkReturnUrl = null,
    [property: JsonPropertyName("accept_types")] IReadOnlyList<string>? AcceptTypes = null,
    [property: JsonPropertyName("accept_presentation_document_targets")] IReadOnlyList<string>? AcceptPresentationDocumentTargets = null,
    [property: JsonPropertyName("accept_media_types")] string? AcceptMediaTypes = null,
    [property: JsonPropertyName("accept_multiple")] bool? AcceptMultiple = null,
    [property: JsonPropertyName("accept_lineitem")] bool? AcceptLineItem = null,
    [property: JsonPropertyName("auto_create")] bool? AutoCreate = null,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("data")] string? Data = null);

[JsonSerializable(typeof(LtiMessage))]
[JsonSourceGenerationOptions(AllowTrailingCommas = false, NumberHandling = JsonNumberHandling.Strict)]
internal sealed partial class LtiMessageJsonContext : JsonSerializerContext;

/// <summary>aud is "a string or an array of strings" (OpenID Connect Core §2).</summary>
internal sealed class StringOrArrayConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return [reader.GetString()!];
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("expected a string or an array of strings");
        var values = new List<string>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException("expected an array of strings");
            values.Add(reader.GetString()!);
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var v in value)
            writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}

/// <summary>NumericDate (RFC 7519 §2): seconds since the epoch; fractions are allowed and truncated.</summary>
internal sealed class NumericDateConverter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.Number when reader.TryGetInt64(out var whole) => whole,
            JsonTokenType.Number => (long)reader.GetDouble(),
            _ => throw new JsonException("a NumericDate must be a number"),
        };

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v); else writer.WriteNullValue();
    }
}

/// <summary>
/// Custom parameters are strings by spec (LTI Core 1.3 §5.4.6), but platforms substitute variables into
/// numbers and booleans (Canvas does), so any scalar is kept as its text rather than failing the launch.
/// </summary>
internal sealed class CustomParametersConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("custom must be an object");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            using var value = JsonDocument.ParseValue(ref reader);
            values[name] = value.RootElement.ValueKind == JsonValueKind.String
                ? value.RootElement.GetString()!
                : value.RootElement.GetRawText();
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (k, v) in value)
            writer.WriteString(k, v);
        writer.WriteEndObject();
    }
}
