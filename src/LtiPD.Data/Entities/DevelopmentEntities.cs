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
/// One dated point of a teacher's profile history: the teacher's merged level on one competency right after an attempt that
/// measured it was submitted (<see cref="Stage"/> 0) or reviewed (1). Appended, never edited: the key (attempt, stage,
/// competency) makes writing it twice impossible, so the nightly job can fill in points for old attempts idempotently.
/// </summary>
public sealed class ProfilePointEntity
{
    public required string AttemptId { get; set; }
    public int Stage { get; set; }
    public required string CompetencyCode { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public int Component { get; set; }
    public double Percent { get; set; }
    public int Level { get; set; }
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
