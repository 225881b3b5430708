namespace LtiPD.Web.Features.Jobs;

/// <summary>
/// A scheduled job as a plain class: it plans its work as keys, does one batch of keys at a time and finishes once every
/// batch is done. <see cref="JobRunner"/> cuts the keys into batches that any node may claim, so a job never knows how many
/// nodes ran it. Every job must be idempotent: a batch may run again after a node stopped in it, and a second run of the
/// job changes nothing.
/// </summary>
public interface IBatchedJob
{
    /// <summary>The stable id ("nightly", "housekeeping", "rosters"): recurring schedules, run history and the admin page use it.</summary>
    string Name { get; }

    /// <summary>The work keys of this run; read only, as it may be repeated when the planning node stops.</summary>
    Task<IReadOnlyList<string>> PlanAsync(JobRunContext run, CancellationToken ct);

    /// <summary>Does the work of <paramref name="keys"/> and answers how many items it changed.</summary>
    Task<int> RunBatchAsync(IReadOnlyList<string> keys, JobRunContext run, CancellationToken ct);

    /// <summary>Runs once, on one node, after every batch is done (aggregates over what the batches wrote).</summary>
    Task FinishAsync(JobRunContext run, CancellationToken ct);
}

/// <summary>
/// The run a job works for. <paramref name="LastSuccessfulStart"/> is when the last successful run of the same job started,
/// for incremental work (evidence since that moment); null on the first run. A job that compares with "now" uses
/// <paramref name="StartedAt"/>, so every node of the run, and a batch done again, decides the same way.
/// </summary>
/// <param name="Node">The node working for the run (<see cref="JobRunner.Node"/>), whose leases <see cref="JobRunner.HoldsFinishingAsync"/> checks.</param>
public sealed record JobRunContext(long RunId, string JobName, bool FullRebuild, DateTimeOffset StartedAt, DateTimeOffset? LastSuccessfulStart, string Node)
{
    /// <summary>
    /// Sentences for administrators about single keys that could not be done without failing the batch (an LMS that did
    /// not answer for one course); kept with the batch and shown on the admin page.
    /// </summary>
    public List<string> Problems { get; } = [];
}

public static class BatchedJobRegistration
{
    /// <summary>Makes <typeparamref name="TJob"/> a job: scheduled when its name has a cron setting, runnable from /admin.</summary>
    public static IServiceCollection AddBatchedJob<TJob>(this IServiceCollection services) where TJob : class, IBatchedJob =>
        services.AddScoped<IBatchedJob, TJob>();
}
