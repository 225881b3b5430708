namespace LtiPD.Data.Entities;

/// <summary>A platform registration, unique on (Issuer, ClientId).</summary>
public sealed class PlatformEntity
{
    public int Id { get; set; }
    public required string Issuer { get; set; }
    public required string ClientId { get; set; }
    public string? Name { get; set; }
    public required string AuthUrl { get; set; }
    public required string TokenUrl { get; set; }
    public required string JwksUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DeploymentEntity> Deployments { get; set; } = [];
}

/// <summary>A deployment of the tool within a platform (LTI Core 1.3 §3.1.3), unique per platform.</summary>
public sealed class DeploymentEntity
{
    public int Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A used id_token nonce; the primary key (Issuer, Value) is what makes it single-use across nodes.</summary>
public sealed class UsedNonceEntity
{
    public required string Issuer { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset KeepUntil { get; set; }
}

/// <summary>
/// A launch session: what one validated launch allows, referenced by an opaque id carried in the tool's
/// own links so it works inside an LMS iframe where third-party cookies are blocked.
/// </summary>
public sealed class LaunchSessionEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public string? ContextId { get; set; }
    public string? ResourceLinkId { get; set; }
    public required string UserId { get; set; }
    public required string Roles { get; set; }
    public int ToolRole { get; set; }
    public required string MessageType { get; set; }
    public string? Locale { get; set; }
    public string? DisplayName { get; set; }
    public string? ContextTitle { get; set; }
    public required string PayloadJson { get; set; }

    /// <summary>Set while the launch waits for its state to be confirmed through LTI platform storage.</summary>
    public string? PendingState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A tool signing key; the private key is protected with ASP.NET Core Data Protection.</summary>
public sealed class ToolKeyEntity
{
    public required string Kid { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>An ASP.NET Core Data Protection key ring element, shared by every node through the database.</summary>
public sealed class DataProtectionKeyEntity
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}

/// <summary>
/// A one-time Dynamic Registration link created by the tool's administrator. Only the SHA-256 of the link's secret is
/// stored, so a database dump cannot be turned into a working link. A registration claims the link for a short while
/// (<see cref="ClaimedUntil"/>) and spends it (<see cref="UsedAt"/>) in the transaction that adds the platform.
/// </summary>
public sealed class RegistrationLinkEntity
{
    public required string Id { get; set; }
    public required string SecretHash { get; set; }
    public string? Label { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedByIssuer { get; set; }
    public string? UsedByClientId { get; set; }
    public string? UsedByDeploymentId { get; set; }
}
