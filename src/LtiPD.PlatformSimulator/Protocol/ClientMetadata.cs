using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LtiPD.PlatformSimulator.Protocol;

/// <summary>The parts of a Dynamic Registration client registration (§3.5) the platform needs, validated.</summary>
internal sealed record ClientMetadata(Uri InitiateLoginUri, IReadOnlyList<Uri> RedirectUris, Uri JwksUri, Uri TargetLinkUri, Uri? DeepLinkingUri)
{
    public ToolRegistration ToTool() => new()
    {
        LoginInitiationUrl = InitiateLoginUri,
        LaunchUrl = TargetLinkUri,
        JwksUrl = JwksUri,
        DeepLinkingUrl = DeepLinkingUri,
        RedirectUris = RedirectUris,
    };

    /// <summary>Reads the registration, or explains the first rule of §3.5 it breaks.</summary>
    public static bool TryRead(JsonObject posted, [NotNullWhen(true)] out ClientMetadata? metadata, out string problem)
    {
        problem = Problem(posted);
        metadata = problem.Length == 0 ? Build(posted) : null;
        return metadata is not null;
    }

    private static string Problem(JsonObject posted)
    {
        if (Text(posted, "application_type") != "web")
        {
            return "application_type must be web.";
        }

        if (!Strings(posted, "response_types").Contains("id_token"))
        {
            return "response_types must be [\"id_token\"].";
        }

        var grants = Strings(posted, "grant_types");
        if (!grants.Contains("implicit") || !grants.Contains("client_credentials"))
        {
            return "grant_types must include implicit and client_credentials.";
        }

        if (AbsoluteUri(Text(posted, "initiate_login_uri")) is null)
        {
            return "initiate_login_uri must be an absolute URL.";
        }

        var redirects = Strings(posted, "redirect_uris");
        if (redirects.Count == 0 || redirects.Any(uri => AbsoluteUri(uri) is null))
        {
            return "redirect_uris must be a non-empty array of absolute URLs.";
        }

        if (AbsoluteUri(Text(posted, "jwks_uri")) is null)
        {
            return "jwks_uri must be an absolute URL.";
        }

        if (Text(posted, "token_endpoint_auth_method") != "private_key_jwt")
        {
            return "token_endpoint_auth_method must be private_key_jwt.";
        }

        if (posted.ContainsKey("scope") && Text(posted, "scope") is null)
        {
            return "scope must be a space-separated string.";
        }

        if (posted[LtiClaims.ToolConfiguration] is not JsonObject tool)
        {
            return $"{LtiClaims.ToolConfiguration} is required.";
        }

        if (string.IsNullOrWhiteSpace(Text(tool, "domain")))
        {
            return "the tool configuration needs a domain.";
        }

        if (AbsoluteUri(Text(tool, "target_link_uri")) is null)
        {
            return "the tool configuration needs an absolute target_link_uri.";
        }

        if (tool["claims"] is not JsonArray)
        {
            return "the tool configuration needs a claims array.";
        }

        if (tool["messages"] is not JsonArray messages
            || messages.Any(message => message is not JsonObject entry
                || string.IsNullOrEmpty(Text(entry, "type"))
                || (entry.ContainsKey("target_link_uri") && AbsoluteUri(Text(entry, "target_link_uri")) is null)))
        {
            return "the tool configuration needs a messages array of objects with a type (and absolute target_link_uri when given).";
        }

        return "";
    }

    private static ClientMetadata Build(JsonObject posted)
    {
        var tool = posted[LtiClaims.ToolConfiguration]!.AsObject();
        var launch = AbsoluteUri(Text(tool, "target_link_uri"))!;
        var deepLinking = tool["messages"]!.AsArray().OfType<JsonObject>()
            .FirstOrDefault(message => Text(message, "type") == LtiClaims.DeepLinkingRequest);
        return new ClientMetadata(
            AbsoluteUri(Text(posted, "initiate_login_uri"))!,
            Strings(posted, "redirect_uris").Select(uri => AbsoluteUri(uri)!).ToList(),
            AbsoluteUri(Text(posted, "jwks_uri"))!,
            launch,
            deepLinking is null ? null : AbsoluteUri(Text(deepLinking, "target_link_uri")) ?? launch);
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<string> Strings(JsonObject json, string name) =>
        json[name] is JsonArray array
            ? array.OfType<JsonValue>().Where(value => value.GetValueKind() == JsonValueKind.String).Select(value => value.GetValue<string>()).ToList()
            : [];

    private static Uri? AbsoluteUri(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
