namespace LtiPD.Data.Entities;

/// <summary>
/// What a teacher states about their career once (and may change): years of university teaching, position, training stage
/// (seed 001), the study form and pace they prefer; and the department the LMS names for them (custom parameter
/// <c>department</c> of a launch). Owned by (platform, deployment, user): it is the person's, across the courses of their LMS.
/// </summary>
public sealed class TeacherSituationEntity
{
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }

    /// <summary>Null until the teacher states it; the career stage, and so the target profile, is unknown until then.</summary>
    public int? YearsTeaching { get; set; }

    public string? Position { get; set; }
    public int Training { get; set; }
    public int? PreferredForm { get; set; }
    public int? HoursPerWeek { get; set; }
    public string? Department { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The dated points of a teacher's profile history that one attempt added when it was submitted (<see cref="Stage"/> 0) or
/// reviewed (1): per competency it measured, the teacher's merged level right after it. The points of one moment are computed
/// together and never apart, so they are stored together (<see cref="Points"/>, read and written by the web host's
/// ProfilePointsText): a row per moment instead of a row per point is a tenth of the rows, which on PostgreSQL was most of
/// what the server spent on a full rebuild (per-row header, WAL record, two index entries and a foreign-key check for each of
/// 2,000,000 points). Appended, never edited: the key makes writing a moment twice impossible, so the nightly job can fill in
/// old attempts idempotently. It begins with the person, so a teacher's history is one range of the only index.
/// </summary>
public sealed class ProfilePointSetEntity
{
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }
    public required string AttemptId { get; set; }
    public int Stage { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The points as a compact JSON array of [competency code, component, percent, level].</summary>
    public required string Points { get; set; }
}

/// <summary>
/// A teacher's answers to the barrier questionnaire (TALIS 2018's seven items on a 4-point agreement scale) and "what would help
/// me" (seed 004), as JSON. Every submission is kept; the newest counts.
/// </summary>
public sealed class BarrierAnswersEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Answers { get; set; }
}

/// <summary>The teacher's own moves on a programme's route (reorder, skip, alternatives), as JSON: the route is theirs (seed 001).</summary>
public sealed class RouteChoicesEntity
{
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }
    public required string ProgrammeCode { get; set; }
    public required string Choices { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A route as it was planned at one moment, kept only when it differs from the one before (same fingerprint, no row), with
/// what changed and why it was re-planned: the history that shows a teacher's progress along it.
/// </summary>
public sealed class RouteHistoryEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }
    public required string ProgrammeCode { get; set; }
    public DateTimeOffset At { get; set; }
    public int Cause { get; set; }
    public required string Fingerprint { get; set; }
    public required string Route { get; set; }
    public required string Changes { get; set; }
}

/// <summary>
/// The nightly job's result for one teacher: trajectories, route and indicators as the teacher's page shows them
/// (<see cref="Snapshot"/>), and the few values aggregates fold (stage, department, courses, indicator bits, levels). Rewritten
/// only when its <see cref="Fingerprint"/> changes, so a second run changes nothing.
/// </summary>
public sealed class TeacherDevelopmentEntity
{
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }
    public int? Stage { get; set; }
    public string? Department { get; set; }
    public required string Courses { get; set; }
    public long Indicators { get; set; }
    public required string Levels { get; set; }
    public required string Snapshot { get; set; }
    public required string Fingerprint { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>
/// What the stored aggregates hold of one teacher (development_folds): the contribution last folded into them, so that a changed
/// teacher is subtracted as they were and added as they are, without refolding everyone. A narrow table of its own: marking a
/// teacher pending must not rewrite their wide teacher_development row.
/// </summary>
public sealed class DevelopmentFoldEntity
{
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }

    /// <summary>The contribution the aggregates include (JSON); null when the teacher was never folded.</summary>
    public string? Contribution { get; set; }

    public FoldState State { get; set; }

    /// <summary>Raised by every change of the teacher's result; a fold clears <see cref="State"/> only if it is still the one it read.</summary>
    public int Version { get; set; }
}

public enum FoldState
{
    /// <summary>The aggregates include the teacher's current result.</summary>
    Folded = 0,

    /// <summary>The result changed since it was folded (or was never folded): the next fold subtracts the old and adds the new.</summary>
    Pending = 1,

    /// <summary>A result stored before folds were kept: the aggregates include it, but nobody knows as what, so the next fold is full.</summary>
    Unknown = 2,
}

/// <summary>
/// A precomputed aggregate of one group (course, department, career stage or the institution) of one platform for one month:
/// counts per indicator and the competency × stage heat cells, as JSON. Dashboards read these rows only; small groups are
/// suppressed when they are read out, never stored smaller.
/// </summary>
public sealed class DevelopmentAggregateEntity
{
    public int PlatformId { get; set; }
    public int GroupKind { get; set; }
    public required string GroupValue { get; set; }
    public required string Month { get; set; }
    public int Teachers { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>A platform's own target profiles document (<c>ltipd-targets/1</c>) for one programme, imported by a course designer; without one the shipped default applies.</summary>
public sealed class TargetProfilesEntity
{
    public int PlatformId { get; set; }
    public required string ProgrammeCode { get; set; }
    public required string Document { get; set; }
    public string? ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}
