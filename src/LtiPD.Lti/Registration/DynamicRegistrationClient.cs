using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiPD.Lti.Http;
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

    /// <param name="openIdConfigurationUrl">Already checked by <see cref="PlatformUrls.Parse"/>: it came from a browser.</param>
    /// <param name="allowLoopbackHttp">Whether plain http to a loopback address is acceptable (a lab LMS on the same machine).</param>
    public async Task<RegistrationResult> RegisterAsync(Uri openIdConfigurationUrl, string? registrationToken, ToolDescription tool,
        bool allowLoopbackHttp, CancellationToken ct)
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
            {
                // The answer's body is never shown: the URL came from a browser, and an internal page's text must not be
                // relayed to whoever chose it. The log keeps a short, cleaned excerpt for the administrator.
                logger.LogWarning("Platform configuration {Url} answered {Status}: {Excerpt}", openIdConfigurationUrl, (int)response.StatusCode,
                    RemoteText.Excerpt(await response.Content.ReadAsStringAsync(ct), registrationToken));
                return Refuse(LtiErrorCodes.RegistrationConfigurationUnavailable,
                    $"The LMS's configuration could not be read (HTTP {(int)response.StatusCode}). Start the registration again from the LMS.");
            }
            configuration = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            logger.LogWarning("Reading platform configuration {Url} failed: {Reason}", openIdConfigurationUrl, RemoteText.Excerpt(e.Message));
            return Refuse(LtiErrorCodes.RegistrationConfigurationUnavailable,
                "The LMS's configuration could not be read: it was not reachable, not allowed, or not JSON. Start the registration again from the LMS.");
        }

        using (configuration)
        {
            var root = configuration.RootElement;
            var issuerText = Text(root, "issuer");
            var issuer = PlatformUrls.ParseIssuer(issuerText, allowLoopbackHttp);
            var auth = PlatformUrls.Parse(Text(root, "authorization_endpoint"), allowLoopbackHttp);
            var token = PlatformUrls.Parse(Text(root, "token_endpoint"), allowLoopbackHttp);
            var jwks = PlatformUrls.Parse(Text(root, "jwks_uri"), allowLoopbackHttp);
            var registration = PlatformUrls.Parse(Text(root, "registration_endpoint"), allowLoopbackHttp);
            if (issuerText is null || issuer is null || auth is null || token is null || jwks is null || registration is null)
                return Refuse(LtiErrorCodes.RegistrationConfigurationInvalid,
                    "The LMS's configuration lacks one of issuer, authorization_endpoint, token_endpoint, jwks_uri, registration_endpoint, or one of them is not an https address without user name or password.");
            if (!PlatformUrls.IssuerOwnsConfiguration(issuer, openIdConfigurationUrl))
            {
                logger.LogWarning("Configuration {Url} names issuer {Issuer}, which does not own it", openIdConfigurationUrl, RemoteText.Excerpt(issuerText));
                return Refuse(LtiErrorCodes.RegistrationConfigurationInvalid,
                    "The LMS's configuration names an issuer that is not the address it was served from, so it cannot speak for that LMS.");
            }
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
                    logger.LogWarning("Platform {Issuer} refused the registration: {Status} {Excerpt}", issuerText, (int)response.StatusCode, RemoteText.Excerpt(text, registrationToken));
                    return Refuse(LtiErrorCodes.RegistrationRefused,
                        $"The LMS refused the registration (HTTP {(int)response.StatusCode}). Its log says why; start the registration again from the LMS.");
                }
                answer = JsonDocument.Parse(text);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException or InvalidOperationException)
            {
                logger.LogWarning("Posting the registration to {Url} failed: {Reason}", registration, RemoteText.Excerpt(e.Message));
                return Refuse(LtiErrorCodes.RegistrationRefused, "The LMS's registration endpoint could not be reached or answered something that is not JSON.");
            }

            using (answer)
            {
                var clientId = Text(answer.RootElement, "client_id");
                // An answer that is JSON but not an object (an array, a string) has neither; TryGetProperty would throw on it.
                var deploymentId = answer.RootElement.ValueKind == JsonValueKind.Object
                    && answer.RootElement.TryGetProperty(ToolConfigurationClaim, out var toolConfig) ? Text(toolConfig, "deployment_id") : null;
                if (clientId is not { Length: <= 255 } || deploymentId is not { Length: <= 255 })
                    return Refuse(LtiErrorCodes.RegistrationRefused, "The LMS's registration answer has no usable client_id or deployment_id.");
                return new RegistrationResult(new RegisteredPlatform(issuerText, clientId, deploymentId, auth, token, jwks, family), null);
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static Uri? UrlOf(JsonElement element, string name) =>
        Text(element, name) is { } s && Uri.TryCreate(s, UriKind.Absolute, out var uri) ? uri : null;

    private LtiError Refuse(string code, string message)
    {
        logger.LogWarning("Dynamic registration refused: {Code}: {Reason}", code, message);
        return new LtiError(code, message);
    }
}
