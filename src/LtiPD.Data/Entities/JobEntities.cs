namespace LtiPD.Data.Entities;

/// <summary>Where a job run stands. Planning, Running and Finishing are "open": at most one open run per job.</summary>
public enum JobRunState
{
    Planning = 0,
    Running = 1,
    Finishing = 2,
    Succeeded = 3,
    Failed = 4,
}

/// <summary>Where one batch of a run stands; a Running batch whose lease has passed may be claimed again by any node.</summary>
public enum JobBatchState
{
    Pending = 0,
    Running = 1,
    Done = 2,
}

/// <summary>
/// One run of a scheduled job, shared by every node that works on it. The lease (<see cref="LeaseOwner"/>,
/// <see cref="LeaseUntil"/>) covers the run's own steps, planning and finishing, so a node that stops in one of them is
/// replaced once it lapses; batches carry their own leases.
/// </summary>
public sealed class JobRunEntity
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public bool Full { get; set; }
    public JobRunState State { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int PlannedItems { get; set; }
    public int ItemsChanged { get; set; }
    public int Batches { get; set; }

    /// <summary>For administrators only: the first failure's message, never shown to teachers.</summary>
    public string? Error { get; set; }

    /// <summary>The node that started the run.</summary>
    public required string Node { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>A slice of a run's planned work keys, claimed by one node at a time with a lease.</summary>
public sealed class JobBatchEntity
{
    public long RunId { get; set; }
    public int Index { get; set; }

    /// <summary>The batch's work keys as a JSON array of strings.</summary>
    public required string Keys { get; set; }

    public JobBatchState State { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public int ItemsChanged { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// What went wrong for single work keys without failing the batch (an LMS that did not answer for one course), as a
    /// JSON array of sentences for administrators; null when nothing did.
    /// </summary>
    public string? Problems { get; set; }
}
