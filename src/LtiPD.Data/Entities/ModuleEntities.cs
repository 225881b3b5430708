namespace LtiPD.Data.Entities;

/// <summary>A micro-credential programme at one version, stored as its native JSON document, one row per (Code, Version).</summary>
public sealed class ProgrammeEntity
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; }
    public required string FrameworkCode { get; set; }
    public required string Document { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The platform whose course designers imported the programme, or null for a tool-wide programme (shipped, or imported by
    /// an administrator). A platform-owned programme is in that platform's catalogue only; every version of a code has one owner.
    /// </summary>
    public int? OwnerPlatformId { get; set; }
}

/// <summary>
/// A teacher's completion of one module in one course, owned by (platform, deployment, context, user) like attempts: the
/// evidence is the person's attempts in that course and the grade goes to that course. One row per person, course and
/// module: the unique index is what makes a second completion, and so a second grade, impossible. Its grade goes to the outbox
/// (<see cref="GradeDeliveryEntity"/>, keyed by this row's <see cref="Id"/>) in the same transaction.
/// </summary>
public sealed class ModuleCompletionEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public string? ContextId { get; set; }
    public string? ResourceLinkId { get; set; }
    public required string UserId { get; set; }
    public string? UserName { get; set; }
    public required string ProgrammeCode { get; set; }
    public int ProgrammeVersion { get; set; }
    public required string ModuleCode { get; set; }
    public double ScoreGiven { get; set; }
    public double ScoreMaximum { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}
