using System.Text.Json;
using LtiPD.PlatformSimulator.Pages;
using LtiPD.PlatformSimulator.Protocol;
using LtiPD.PlatformSimulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>
/// The deep_link_return_url: receives the tool's LtiDeepLinkingResponse (Deep Linking 2.0 §4.5, posted as the form field "JWT"),
/// verifies it and places the returned ltiResourceLink items in the course, with their line items (§3.4.1 lineItem).
/// </summary>
internal static class DeepLinkingEndpoint
{
    public static void Map(IEndpointRouteBuilder group, SimulatorHttp http) =>
        group.MapPost("/deeplinking/return", http.Recorded(RecordedCallKind.DeepLinkingReturn, faultable: false, ReceiveAsync));

    private static async Task<SimResponse> ReceiveAsync(ServiceRequest request)
    {
        var platform = request.Platform;
        var jwt = QueryHelpers.ParseQuery(request.Body).TryGetValue("JWT", out var value) ? value.ToString() : "";
        if (jwt.Length == 0)
        {
            return Refuse("The form field JWT is missing.");
        }

        if (platform.Tool is not { } tool)
        {
            return Refuse("No tool is registered on this platform.");
        }

        // §4.5: iss is the tool's client_id and aud the platform's issuer.
        var result = await platform.JwtValidator.ValidateAsync(jwt, tool.JwksUrl, platform.ClientId, [platform.Issuer], platform.TimeProvider, request.Aborted);
        if (result.Token is not { } token)
        {
            return Refuse($"The deep-linking response was refused: {result.Error}.");
        }

        if (CheckClaims(platform, token) is { } problem)
        {
            return Refuse(problem);
        }

        var items = token.TryGetPayloadValue<JsonElement>(LtiClaims.ContentItems, out var contentItems) && contentItems.ValueKind == JsonValueKind.Array
            ? contentItems.Clone()
            : JsonSerializer.SerializeToElement(Array.Empty<object>());
        if (CheckItems(items) is { } itemProblem)
        {
            return Refuse(itemProblem);
        }

        var created = items.EnumerateArray().Where(IsResourceLink).Select(item => Place(platform, item)).ToList();
        var response = new SimDeepLinkingResponse(
            items, created, StringClaim(token, LtiClaims.Msg), StringClaim(token, LtiClaims.ErrorMsg), platform.TimeProvider.GetUtcNow());
        platform.AddDeepLinkingResponse(response);
        return SimResponse.Html(StatusCodes.Status200OK, Page(platform, response));
    }

    private static string? CheckClaims(SimulatedPlatform platform, JsonWebToken token)
    {
        if (StringClaim(token, LtiClaims.MessageType) != LtiClaims.DeepLinkingResponse)
        {
            return $"message_type must be {LtiClaims.DeepLinkingResponse}.";
        }

        if (StringClaim(token, LtiClaims.Version) != LtiClaims.LtiVersion)
        {
            return $"version must be {LtiClaims.LtiVersion}.";
        }

        if (StringClaim(token, LtiClaims.DeploymentId) != platform.DeploymentId)
        {
            return $"deployment_id must be '{platform.DeploymentId}'.";
        }

        var nonce = StringClaim(token, "nonce");
        if (string.IsNullOrEmpty(nonce))
        {
            return "nonce is required.";
        }

        if (!platform.DeepLinkingNonces.TryRemember(nonce, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), platform.TimeProvider.GetUtcNow()))
        {
            return $"nonce '{nonce}' was already used.";
        }

        // §4.4.1: data sent in the request must come back unchanged; only Canvas sends it.
        return platform.Flavor == PlatformFlavor.Canvas && !platform.TryConsumeDeepLinkingData(StringClaim(token, LtiClaims.Data) ?? "")
            ? "data must echo the value of the deep-linking request."
            : null;
    }

    private static string? CheckItems(JsonElement items)
    {
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return "every content item must be an object with a type.";
            }

            if (!IsResourceLink(item))
            {
                continue;
            }

            if (item.TryGetProperty("url", out _) && !Uri.TryCreate(Text(item, "url"), UriKind.Absolute, out _))
            {
                return "an ltiResourceLink url must be an absolute URL.";
            }

            if (item.TryGetProperty("lineItem", out var lineItem)
                && (lineItem.ValueKind != JsonValueKind.Object
                    || !lineItem.TryGetProperty("scoreMaximum", out var maximum)
                    || maximum.ValueKind != JsonValueKind.Number
                    || maximum.GetDouble() <= 0))
            {
                return "an ltiResourceLink lineItem needs a scoreMaximum greater than 0.";
            }
        }

        return null;
    }

    private static SimResourceLink Place(SimulatedPlatform platform, JsonElement item)
    {
        var title = Text(item, "title") ?? "Untitled activity";
        var url = Text(item, "url") is { } target ? new Uri(target) : null;
        var custom = item.TryGetProperty("custom", out var customs) && customs.ValueKind == JsonValueKind.Object
            ? customs.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var link = platform.AddResourceLink(title, url, custom);
        if (item.TryGetProperty("lineItem", out var lineItem))
        {
            platform.Gradebook.Create(new LineItemFields(
                Text(lineItem, "label") ?? title,
                lineItem.GetProperty("scoreMaximum").GetDouble(),
                Text(lineItem, "resourceId"),
                Text(lineItem, "tag"),
                link.Id,
                null,
                null));
        }

        return link;
    }

    private static string Page(SimulatedPlatform platform, SimDeepLinkingResponse response)
    {
        var rows = string.Concat(response.ContentItems.EnumerateArray().Select(item =>
            $"<li>{Html.Encode(Text(item, "type") ?? "")}: {Html.Encode(Text(item, "title") ?? "(no title)")}</li>"));
        var message = response.Message is null ? "" : $"""<p id="deep-link-message">{Html.Encode(response.Message)}</p>""";
        var error = response.ErrorMessage is null ? "" : $"""<p id="deep-link-error" role="alert">{Html.Encode(response.ErrorMessage)}</p>""";
        var body = $"""
            <main>
            <h1>Content returned to {Html.Encode(platform.Course.Title)}</h1>
            {message}{error}
            <ul id="deep-link-items">{rows}</ul>
            </main>
            """;
        return Html.Document("Content returned by the tool", body);
    }

    private static bool IsResourceLink(JsonElement item) => Text(item, "type") == "ltiResourceLink";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? StringClaim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static SimResponse Refuse(string explanation) =>
        SimResponse.Html(StatusCodes.Status400BadRequest, Html.Problem("Deep-linking response refused", explanation));
}
