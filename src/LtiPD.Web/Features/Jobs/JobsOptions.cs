using System.ComponentModel.DataAnnotations;

namespace LtiPD.Web.Features.Jobs;

/// <summary>Bound from "Jobs": the scheduler (Hangfire in the tool's own database) and how runs are cut and shared.</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string Section = "Jobs";

    /// <summary>Hangfire at all: schedules, "Run now" and the dashboard. Off, no job runs in this deployment.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether this process runs jobs (a Hangfire server); a node with it off still schedules and shows them.</summary>
    public bool Server { get; set; } = true;

    /// <summary>
    /// The IANA time zone the cron expressions are read in. An institution sets its own (e.g. "Asia/Almaty"), so that the
    /// nightly job runs at night there and moves with daylight saving time where there is one.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The nightly recompute (trajectories, routes, indicators); by default at 02:00 in <see cref="TimeZone"/>.</summary>
    public string NightlyCron { get; set; } = "0 2 * * *";

    /// <summary>Deleting expired logins, nonces, sessions and registration links.</summary>
    public string HousekeepingCron { get; set; } = "*/15 * * * *";

    /// <summary>Reading the NRPS rosters of courses with recent launches again.</summary>
    public string RostersCron { get; set; } = "0 * * * *";

    /// <summary>Work keys per batch: a crash loses at most one batch, and a batch must finish well within <see cref="LeaseTimeout"/>.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Teachers a full fold of the aggregates reads and records at once (<see cref="Development.DevelopmentAggregation"/>): what the
    /// fold holds in memory is one page, whatever the institution's size.
    /// </summary>
    public int FoldPageSize { get; set; } = 5_000;

    /// <summary>
    /// Batches this node works on at once while it runs a job (<see cref="JobRunner.WorkAsync"/>). Two keep both cores of a small
    /// machine busy during the nightly recompute, whose batches alternate between computing and waiting on the database.
    /// </summary>
    public int BatchWorkers { get; set; } = 2;

    /// <summary>
    /// How long a node's claim on a batch (or a run's planning or finishing) lasts without renewal: after a crash the work
    /// continues this much later on another node. The node working on it renews the claim every third of this, so a batch
    /// may take longer; the lease only has to outlast a pause in reaching the database.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a Hangfire server asks its queue for new work (Hangfire's default is 15 s).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a Hangfire server looks for recurring and delayed jobs that are due.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Jobs this process runs at once; the tool's own requests come first on a small machine.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>The cron setting for a job name, or null for a job that runs only when an administrator asks.</summary>
    public (string Setting, string Cron)? ScheduleOf(string job) => job switch
    {
        "nightly" => ($"{Section}:{nameof(NightlyCron)}", NightlyCron),
        "housekeeping" => ($"{Section}:{nameof(HousekeepingCron)}", HousekeepingCron),
        "rosters" => ($"{Section}:{nameof(RostersCron)}", RostersCron),
        _ => null,
    };

    /// <summary>The zone of <see cref="TimeZone"/> (a method: validation reads every property, before the id is known to be good).</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
            yield return new ValidationResult($"Jobs:TimeZone '{TimeZone}' is not a time zone this machine knows; use an IANA id such as UTC or Asia/Almaty.", [nameof(TimeZone)]);
        foreach (var (name, cron) in new[] { (nameof(NightlyCron), NightlyCron), (nameof(HousekeepingCron), HousekeepingCron), (nameof(RostersCron), RostersCron) })
        {
            if (string.IsNullOrWhiteSpace(cron) || cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
                yield return new ValidationResult($"Jobs:{name} must be a cron expression with five fields (minute hour day month weekday), e.g. \"0 2 * * *\".", [name]);
        }
        if (BatchSize is < 1 or > 10_000)
            yield return new ValidationResult("Jobs:BatchSize must be between 1 and 10000.", [nameof(BatchSize)]);
        if (FoldPageSize is < 1 or > 100_000)
            yield return new ValidationResult("Jobs:FoldPageSize must be between 1 and 100000.", [nameof(FoldPageSize)]);
        if (BatchWorkers is < 1 or > 16)
            yield return new ValidationResult("Jobs:BatchWorkers must be between 1 and 16.", [nameof(BatchWorkers)]);
        if (LeaseTimeout < TimeSpan.FromSeconds(1) || LeaseTimeout > TimeSpan.FromHours(6))
            yield return new ValidationResult("Jobs:LeaseTimeout must be between 00:00:01 and 06:00:00.", [nameof(LeaseTimeout)]);
        if (QueuePollInterval < TimeSpan.FromMilliseconds(100) || QueuePollInterval > TimeSpan.FromMinutes(10))
            yield return new ValidationResult("Jobs:QueuePollInterval must be between 00:00:00.100 and 00:10:00.", [nameof(QueuePollInterval)]);
        if (SchedulePollingInterval < TimeSpan.FromMilliseconds(100) || SchedulePollingInterval > TimeSpan.FromMinutes(10))
            yield return new ValidationResult("Jobs:SchedulePollingInterval must be between 00:00:00.100 and 00:10:00.", [nameof(SchedulePollingInterval)]);
        if (WorkerCount is < 1 or > 20)
            yield return new ValidationResult("Jobs:WorkerCount must be between 1 and 20.", [nameof(WorkerCount)]);
    }
}
