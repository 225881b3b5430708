namespace LtiPD.Data.Entities;

/// <summary>
/// An Open Badges 3.0 credential the tool issued (docs/credentials.md): owned by the person (platform, deployment, user) and
/// earned in a course (<see cref="ContextId"/>, whose designers may revoke it). One per person and achievement: the unique
/// index on (owner, <see cref="AchievementKey"/>) is what makes a second credential for the same module impossible, even when
/// the module is completed again in another course. The signed VC-JWT is kept as issued and never re-signed.
/// </summary>
public sealed class CredentialEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string ContextId { get; set; }
    public required string UserId { get; set; }
    public string? UserName { get; set; }

    /// <summary>"{programme}" for a programme's credential, "{programme}/{module}" for a module's.</summary>
    public required string AchievementKey { get; set; }

    public required string Title { get; set; }
    public required string Jwt { get; set; }
    public int StatusList { get; set; }
    public int StatusIndex { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>
/// A credential signing key, apart from the LTI tool keys: a platform trusts the tool keys for launches and service calls, a
/// verifier trusts these for credentials, and rotating one must not touch the other. Stored like tool keys, as a Data
/// Protection payload, and never deleted: a credential signed with a retired key must still verify years later.
/// </summary>
public sealed class CredentialKeyEntity
{
    public required string Kid { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}
