using LtiPD.PlatformSimulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>Error answers of the AGS and NRPS services, in the shape the imitated LMS uses.</summary>
internal static class ServiceErrors
{
    public static SimResponse Create(ServiceRequest request, int status, string reason, string? detail = null)
    {
        if (request.Platform.Flavor == PlatformFlavor.Canvas)
        {
            return SimResponse.Json(status, new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, object?> { ["type"] = CanvasType(status), ["message"] = detail ?? reason },
            });
        }

        // Moodle's service response: the reason in the status line and a JSON echo of the request.
        var http = request.Request;
        var body = new Dictionary<string, object?>
        {
            ["status"] = status,
            ["reason"] = reason,
            ["request"] = new Dictionary<string, object?>
            {
                ["method"] = http.Method,
                ["url"] = http.Path.Value + http.QueryString.Value,
                ["accept"] = http.Headers.Accept.ToString(),
                ["contentType"] = http.ContentType ?? "",
            },
        };
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        return SimResponse.Json(status, body) with { ReasonPhrase = reason };
    }

    /// <summary>
    /// Bearer check of AGS §3.1 / NRPS §3.5: a token from this platform's token endpoint, not expired, holding one of the scopes.
    /// 401 without a usable token, 403 with a token lacking the scope (RFC 6750 §3.1).
    /// </summary>
    public static SimResponse? Authorize(ServiceRequest request, params string[] anyOfScopes)
    {
        var header = request.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Create(request, StatusCodes.Status401Unauthorized, "Missing bearer token", "Send Authorization: Bearer <access token from the token endpoint>.")
                .WithHeader("WWW-Authenticate", "Bearer");
        }

        var token = request.Platform.AccessTokens.Find(header["Bearer ".Length..].Trim(), request.Platform.TimeProvider.GetUtcNow());
        if (token is null)
        {
            return Create(request, StatusCodes.Status401Unauthorized, "Invalid or expired access token")
                .WithHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }

        if (!anyOfScopes.Any(token.Scopes.Contains))
        {
            var needed = string.Join(" ", anyOfScopes);
            return Create(request, StatusCodes.Status403Forbidden, "Access token lacks the scope", $"This call needs one of: {needed}.")
                .WithHeader("WWW-Authenticate", $"Bearer error=\"insufficient_scope\", scope=\"{needed}\"");
        }

        return null;
    }

    public static SimResponse? CheckContext(ServiceRequest request) =>
        request.RouteValue("contextId") == request.Platform.Course.Id
            ? null
            : Create(request, StatusCodes.Status404NotFound, "Unknown context", $"No course '{request.RouteValue("contextId")}' on this platform.");

    public static SimResponse? CheckContentType(ServiceRequest request, string mediaType) =>
        request.Request.ContentType?.Split(';')[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase) == true
            ? null
            : Create(request, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", $"Content-Type must be {mediaType}.");

    private static string CanvasType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable_entity",
        _ => "bad_request",
    };
}
