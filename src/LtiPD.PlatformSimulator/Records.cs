using System.Text.Json;

namespace LtiPD.PlatformSimulator;

/// <summary>A client registration a tool posted (Dynamic Registration §3.5) and the client_id issued for it.</summary>
public sealed record SimRegistration(string ClientId, string DeploymentId, JsonElement Request, DateTimeOffset At);

/// <summary>A deep-linking response (Deep Linking §4.5): the content items as sent and the links the platform created from them.</summary>
public sealed record SimDeepLinkingResponse(
    JsonElement ContentItems, IReadOnlyList<SimResourceLink> CreatedLinks, string? Message, string? ErrorMessage, DateTimeOffset At);
