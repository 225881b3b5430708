using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace LtiPD.Lti.Registration;

/// <summary>The tool's own URLs and wishes, as sent in its client registration (Dynamic Registration 1.0 §3.5).</summary>
public sealed record ToolDescription(
    string Name,
    string Description,
    Uri LoginInitiationUrl,
    Uri LaunchUrl,
    Uri DeepLinkingUrl,
    Uri JwksUrl,
    IReadOnlyList<string> Scopes);

/// <summary>What a platform granted: enough to register it as a <see cref="Platforms.PlatformRegistration"/>.</summary>
public sealed record RegisteredPlatform(
    string Issuer,
    string ClientId,
    string DeploymentId,
    Uri AuthUrl,
    Uri TokenUrl,
    Uri JwksUrl,
    string? ProductFamilyCode);

public readonly record struct RegistrationResult(RegisteredPlatform? Platform, LtiError? Error)
{
    public static implicit operator RegistrationResult(LtiError error) => new(null, error);
}

/// <summary>
/// The tool side of LTI Dynamic Registration 1.0: read the platform's OpenID configuration (§3.4), check
/// that its issuer owns the configuration URL (§3.5.1), post the tool's client registration with the
/// registration token (§3.5), and read back the client id and deployment id the platform issued (§3.6).
/// </summary>
public sealed class DynamicRegistrationClient(IHttpClientFactory httpClients, ILogger<DynamicRegistrationClient> logger)
{
    public const string HttpClientName = "lti-registration";
    private const string PlatformConfigurationClaim = "https://purl.imsglobal.org/spec/lti-platform-configuration";
    private const string ToolConfigurationClaim = "https://purl.imsglobal.org/spec/lti-tool-configuration";

    public async Task<RegistrationResult> RegisterAsync(Uri openIdConfigurationUrl, string? registrationToken, ToolDescription tool, CancellationToken ct)
    {
        using var client = httpClients.CreateClient(HttpClientName);

        JsonDocument configuration;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, openIdConfigurationUrl);
            if (registrationToken is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registrationToken);
            using var response = await client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                return Refuse(LtiErrorCodes.RegistrationConfigurationUnavailable, $"The LMS's configuration at {openIdConfigurationUrl} answered {(int)response.StatusCode}.");
            configuration = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            logger.LogWarning(e, "Reading platform configuration {Url} failed", openIdConfigurationUrl);
            return Refuse(LtiErrorCodes.RegistrationConfigurationUnavailable, $"The LMS's configuration at {openIdConfigurationUrl} could not be read.");
        }

        using (configuration)
        {
            var root = configuration.RootElement;
            var issuer = Text(root, "issuer");
            var auth = UrlOf(root, "authorization_endpoint");
            var token = UrlOf(root, "token_endpoint");
            var jwks = UrlOf(root, "jwks_uri");
            var registration = UrlOf(root, "registration_endpoint");
            if (issuer is null || auth is null || token is null || jwks is null || registration is null)
                return Refuse(LtiErrorCodes.RegistrationConfigurationInvalid,
                    "The LMS's configuration lacks one of issuer, authorization_endpoint, token_endpoint, jwks_uri, registration_endpoint.");
            // §3.5.1: the configuration must be served from under its own issuer, or anyone could claim any issuer.
            if (!openIdConfigurationUrl.AbsoluteUri.StartsWith(issuer.TrimEnd('/'), StringComparison.Ordinal))
                return Refuse(LtiErrorCodes.RegistrationConfigurationInvalid, $"The LMS's configuration names issuer '{issuer}', which does not own {openIdConfigurationUrl}.");
            var family = root.TryGetProperty(PlatformConfigurationClaim, out var platformConfig) ? Text(platformConfig, "product_family_code") : null;

            var body = new JsonObject
            {
                ["application_type"] = "web",
                ["response_types"] = new JsonArray("id_token"),
                ["grant_types"] = new JsonArray("implicit", "client_credentials"),
                ["initiate_login_uri"] = tool.LoginInitiationUrl.AbsoluteUri,
                ["redirect_uris"] = new JsonArray(tool.LaunchUrl.AbsoluteUri, tool.DeepLinkingUrl.AbsoluteUri),
                ["client_name"] = tool.Name,
                ["jwks_uri"] = tool.JwksUrl.AbsoluteUri,
                ["token_endpoint_auth_method"] = "private_key_jwt",
                ["scope"] = string.Join(' ', tool.Scopes),
                [ToolConfigurationClaim] = new JsonObject
                {
                    ["domain"] = tool.LaunchUrl.Authority,
                    ["description"] = tool.Description,
                    ["target_link_uri"] = tool.LaunchUrl.AbsoluteUri,
                    ["claims"] = new JsonArray("iss", "sub", "name", "given_name", "family_name", "email", "locale"),
                    ["messages"] = new JsonArray(
                        new JsonObject { ["type"] = LtiMessageTypes.ResourceLinkRequest, ["target_link_uri"] = tool.LaunchUrl.AbsoluteUri },
                        new JsonObject
                        {
                            ["type"] = LtiMessageTypes.DeepLinkingRequest,
                            ["target_link_uri"] = tool.DeepLinkingUrl.AbsoluteUri,
                            ["label"] = tool.Name,
                            ["placements"] = new JsonArray("ContentArea", "link_selection", "assignment_selection", "editor_button"),
                        }),
                },
            };

            JsonDocument answer;
            try
            {
                using var post = new HttpRequestMessage(HttpMethod.Post, registration) { Content = JsonContent.Create(body) };
                if (registrationToken is not null)
                    post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", registrationToken);
                using var response = await client.SendAsync(post, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogWarning("Platform {Issuer} refused the registration: {Status} {Body}", issuer, (int)response.StatusCode, text);
                    return Refuse(LtiErrorCodes.RegistrationRefused, $"The LMS refused the registration ({(int)response.StatusCode}): {Shorten(text)}");
                }
                answer = JsonDocument.Parse(text);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                logger.LogWarning(e, "Posting the registration to {Url} failed", registration);
                return Refuse(LtiErrorCodes.RegistrationRefused, "The LMS's registration endpoint could not be reached or answered something that is not JSON.");
            }

            using (answer)
            {
                var clientId = Text(answer.RootElement, "client_id");
                var deploymentId = answer.RootElement.TryGetProperty(ToolConfigurationClaim, out var toolConfig) ? Text(toolConfig, "deployment_id") : null;
                if (clientId is null || deploymentId is null)
                    return Refuse(LtiErrorCodes.RegistrationRefused, "The LMS's registration answer has no client_id or no deployment_id.");
                return new RegistrationResult(new RegisteredPlatform(issuer, clientId, deploymentId, auth, token, jwks, family), null);
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static Uri? UrlOf(JsonElement element, string name) =>
        Text(element, name) is { } s && Uri.TryCreate(s, UriKind.Absolute, out var uri) ? uri : null;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private LtiError Refuse(string code, string message)
    {
        logger.LogWarning("Dynamic registration refused: {Code}: {Reason}", code, message);
        return new LtiError(code, message);
    }
}
