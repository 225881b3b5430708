using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiPD.PlatformSimulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>
/// LTI Dynamic Registration 1.0: the platform's OpenID configuration (§3.4) and its client registration endpoint (§3.5).
/// A successful registration makes the posted tool the platform's tool, under the client_id issued for it.
/// </summary>
internal static class RegistrationEndpoints
{
    private const string ClientIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static void Map(IEndpointRouteBuilder group, SimulatorHttp http)
    {
        group.MapGet("/.well-known/openid-configuration", http.Recorded(RecordedCallKind.Registration, faultable: false, Configuration));
        group.MapPost("/register", http.Recorded(RecordedCallKind.Registration, faultable: false, Register));
    }

    /// <summary>
    /// §3.4 and §3.5. No token is needed to read it; a tool that sends the registration token as a bearer must send a live one.
    /// </summary>
    private static SimResponse Configuration(ServiceRequest request)
    {
        var platform = request.Platform;
        if (request.Request.Headers.Authorization.Count > 0 && !platform.IsLiveRegistrationToken(BearerToken(request)))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_token", "The registration token is unknown, used or expired.");
        }

        var moodle = platform.Flavor == PlatformFlavor.Moodle;
        return SimResponse.Json(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            ["issuer"] = platform.Issuer,
            ["token_endpoint"] = platform.TokenUrl.AbsoluteUri,
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS256" },
            ["jwks_uri"] = platform.JwksUrl.AbsoluteUri,
            ["authorization_endpoint"] = platform.AuthUrl.AbsoluteUri,
            ["registration_endpoint"] = platform.RegistrationUrl.AbsoluteUri,
            ["scopes_supported"] = LtiScopes.All.Prepend("openid").ToArray(),
            ["response_types_supported"] = new[] { "id_token" },
            ["subject_types_supported"] = new[] { "public", "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["claims_supported"] = new[] { "sub", "iss", "name", "given_name", "family_name", "email" },
            [LtiClaims.PlatformConfiguration] = new Dictionary<string, object?>
            {
                ["product_family_code"] = moodle ? "moodle" : "canvas",
                ["version"] = moodle ? "4.5.6" : "cloud",
                ["messages_supported"] = new object[]
                {
                    new Dictionary<string, object?> { ["type"] = LtiClaims.ResourceLinkRequest },
                    new Dictionary<string, object?> { ["type"] = LtiClaims.DeepLinkingRequest, ["placements"] = new[] { "ContentArea" } },
                },
                ["variables"] = new[]
                {
                    "Context.id", "Context.title", "Context.label", "CourseSection.title", "ResourceLink.id", "ResourceLink.title",
                    "User.id", "User.username", "Person.name.full", "Person.name.given", "Person.name.family", "Person.email.primary",
                    "Membership.role",
                },
            },
        });
    }

    private static SimResponse Register(ServiceRequest request)
    {
        var platform = request.Platform;
        var registrationToken = BearerToken(request);
        if (!platform.IsLiveRegistrationToken(registrationToken))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_token", "Send the registration_token the platform issued as Authorization: Bearer.");
        }

        JsonObject posted;
        try
        {
            posted = JsonNode.Parse(request.Body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_client_metadata", "The body must be a JSON object.");
        }

        if (!ClientMetadata.TryRead(posted, out var metadata, out var problem))
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_client_metadata", problem);
        }

        // Single use: a second registration with the same token is refused.
        if (!platform.TryConsumeRegistrationToken(registrationToken))
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_token", "The registration token was used meanwhile.");
        }

        var clientId = RandomNumberGenerator.GetString(ClientIdAlphabet, 15);
        var registration = new SimRegistration(
            clientId, platform.DeploymentId, JsonSerializer.SerializeToElement(posted), platform.TimeProvider.GetUtcNow());
        platform.Adopt(registration, metadata.ToTool());

        // §3.5: the platform echoes the registration with the client_id and, in the tool configuration, the deployment_id.
        var answer = posted.DeepClone().AsObject();
        answer["client_id"] = clientId;
        answer[LtiClaims.ToolConfiguration]!.AsObject()["deployment_id"] = platform.DeploymentId;
        return new SimResponse(StatusCodes.Status200OK, answer.ToJsonString(SimJson.Relaxed), LtiMediaTypes.Json);
    }

    private static string BearerToken(ServiceRequest request)
    {
        var header = request.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
    }

    /// <summary>RFC 7591 §3.2.2 error answer.</summary>
    private static SimResponse OAuthError(int status, string error, string description) =>
        SimResponse.Json(status, new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description });
}
