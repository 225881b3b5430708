using LtiPD.PlatformSimulator.Protocol;
using LtiPD.PlatformSimulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>
/// OAuth 2 client-credentials grant with a JWT client assertion (Security Framework §4.1, RFC 7523 §2.2). Errors follow
/// RFC 6749 §5.2: a failed client authentication is invalid_client with 401.
/// </summary>
internal static class TokenEndpoint
{
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void Map(IEndpointRouteBuilder group, SimulatorHttp http) =>
        group.MapPost("/token", http.Recorded(RecordedCallKind.Token, faultable: true, IssueAsync));

    private static async Task<SimResponse> IssueAsync(ServiceRequest request)
    {
        if (!IsForm(request.Request))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        var form = QueryHelpers.ParseQuery(request.Body);
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";

        var grant = Field("grant_type");
        if (grant != "client_credentials")
        {
            return grant.Length == 0
                ? Error(StatusCodes.Status400BadRequest, "invalid_request", "grant_type is required.")
                : Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", $"Only client_credentials is supported, not '{grant}'.");
        }

        if (Field("client_assertion_type") != JwtBearer)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"client_assertion_type must be {JwtBearer}.");
        }

        var assertion = Field("client_assertion");
        if (assertion.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "client_assertion is required.");
        }

        var requested = Field("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var granted = requested.Where(LtiScopes.All.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (granted.Count == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_scope", requested.Length == 0
                ? "scope is required."
                : $"None of the requested scopes is offered; this platform grants: {string.Join(" ", LtiScopes.All)}.");
        }

        var platform = request.Platform;
        if (platform.Tool is not { } tool)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "No tool is registered on this platform.");
        }

        if (await AuthenticateAsync(platform, tool, assertion, request.Aborted) is { } failure)
        {
            return failure;
        }

        var token = platform.AccessTokens.Issue(granted, platform.TimeProvider.GetUtcNow());
        return SimResponse.Json(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            ["access_token"] = token.Value,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)AccessTokenStore.Lifetime.TotalSeconds,
            ["scope"] = string.Join(" ", granted),
        }).WithHeader("Cache-Control", "no-store");
    }

    /// <summary>
    /// Security Framework §4.1.1: the assertion is signed by a key in the tool's JWKS, iss and sub are the client_id, aud names
    /// the token endpoint, it has not expired, and its jti is not reused.
    /// </summary>
    private static async Task<SimResponse?> AuthenticateAsync(SimulatedPlatform platform, ToolRegistration tool, string assertion, CancellationToken cancellationToken)
    {
        var result = await platform.JwtValidator.ValidateAsync(
            assertion, tool.JwksUrl, platform.ClientId, [platform.TokenUrl.AbsoluteUri], platform.TimeProvider, cancellationToken);
        if (result.Token is not { } token)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", $"The client assertion was refused: {result.Error}.");
        }

        if (token.Subject != platform.ClientId)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", $"The client assertion's sub must be '{platform.ClientId}', was '{token.Subject}'.");
        }

        if (!token.TryGetPayloadValue<long>("iat", out _))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "The client assertion has no numeric iat claim.");
        }

        if (string.IsNullOrEmpty(token.Id))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "The client assertion has no jti claim.");
        }

        var now = platform.TimeProvider.GetUtcNow();
        // The jti is remembered until the assertion expires; after that its exp refuses it anyway.
        return platform.AssertionIds.TryRemember(token.Id, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), now)
            ? null
            : Error(StatusCodes.Status400BadRequest, "invalid_grant", $"The client assertion jti '{token.Id}' was already used.");
    }

    private static bool IsForm(HttpRequest request) =>
        request.ContentType?.Split(';')[0].Trim().Equals(LtiMediaTypes.Form, StringComparison.OrdinalIgnoreCase) == true;

    private static SimResponse Error(int status, string error, string description) =>
        SimResponse.Json(status, new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description })
            .WithHeader("Cache-Control", "no-store");
}
