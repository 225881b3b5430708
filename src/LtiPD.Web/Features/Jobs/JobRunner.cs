using System.Text.Json;
using LtiPD.Data;
using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Jobs;

/// <summary>
/// Runs <see cref="IBatchedJob"/>s on any number of nodes sharing the database. A run is a row in job_runs and its planned
/// keys are rows in job_batches; a node claims a batch with one conditional UPDATE (pending, or running with a lapsed
/// lease), so each claim is atomic on SQLite and PostgreSQL alike and a batch is worked by one node at a time. A node that
/// stops loses at most the batch it held: its lease lapses and another node does it again. When no batch is left, one node
/// wins the run's finishing lease and calls <see cref="IBatchedJob.FinishAsync"/>.
/// <para>
/// A lease is renewed while its holder works (<see cref="LeaseHeartbeat"/>), so a batch that runs longer than
/// Jobs:LeaseTimeout stays with its node; only a node that stopped lets it lapse. A node whose renewal finds the lease gone
/// (its heartbeats could not reach the database in time, and another node took the work over) cancels the job's work and
/// records nothing: the batch, planning or finishing is the other node's now.
/// </para>
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IOptions<JobsOptions> options, TimeProvider time, ILogger<JobRunner> logger)
{
    /// <summary>A batch taken this often without being finished is not tried again: the run fails and says which batch.</summary>
    public const int MaxAttempts = 3;

    private const int ErrorLength = 4000;

    /// <summary>This process among the nodes: what leases and runs name.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private TimeSpan Lease => options.Value.LeaseTimeout;

    /// <summary>How long a node waits before looking again at work another node holds.</summary>
    private TimeSpan Pause => TimeSpan.FromTicks(Math.Clamp(Lease.Ticks / 10, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));

    /// <summary>Opens a run of <paramref name="job"/> and works on it until it is done; joins the open run when there is one.</summary>
    public async Task<long> RunAsync(string job, bool fullRebuild, CancellationToken ct)
    {
        var (runId, _) = await OpenAsync(job, fullRebuild, ct);
        await WorkAsync(runId, ct);
        return runId;
    }

    /// <summary>
    /// The open run of <paramref name="job"/> (<c>Opened</c> false), or a new one, planned by this node (<c>Opened</c> true).
    /// Two nodes opening at once meet at the unique index on open runs: one plans, the other joins.
    /// </summary>
    public async Task<(long RunId, bool Opened)> OpenAsync(string job, bool fullRebuild, CancellationToken ct)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
            var batchedJob = JobNamed(scope, job);
            var now = time.GetUtcNow();
            var open = await db.JobRuns.AsNoTracking()
                .Where(r => r.Job == job && (r.State == JobRunState.Planning || r.State == JobRunState.Running || r.State == JobRunState.Finishing))
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.State, r.LeaseUntil }).FirstOrDefaultAsync(ct);
            if (open is { State: JobRunState.Planning } && open.LeaseUntil < now)
            {
                // Planning only reads, so a planner that stopped leaves nothing half done: close its run and plan again.
                await FailAsync(db, open.Id, "The node planning this run stopped before it finished planning.", ct);
                continue;
            }
            if (open is not null)
                return (open.Id, false);

            var run = new JobRunEntity
            {
                Job = job, Full = fullRebuild, State = JobRunState.Planning, StartedAt = now, Node = Node,
                LeaseOwner = Node, LeaseUntil = now + Lease,
            };
            db.JobRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                continue;
            }
            await PlanAsync(db, batchedJob, run, ct);
            return (run.Id, true);
        }
    }

    /// <summary>
    /// Works on the run's batches until it has succeeded or failed; returns at once for a closed run. <see
    /// cref="JobsOptions.BatchWorkers"/> batches at once: each worker claims batches exactly as another node would, so a node's
    /// cores are used while one batch waits on the database, and the results are those of one worker.
    /// </summary>
    public async Task WorkAsync(long runId, CancellationToken ct)
    {
        // The first worker to see the run closed wakes the others from their pause instead of letting them sleep it out.
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAll(Enumerable.Range(0, options.Value.BatchWorkers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await WorkerAsync(runId, ct, done.Token);
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return;
            }
            await done.CancelAsync();
        }, ct)));
    }

    /// <param name="pause">Ends the waits between looks at the run (<paramref name="ct"/> and the run being closed by a sibling).</param>
    private async Task WorkerAsync(long runId, CancellationToken ct, CancellationToken pause)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
            var run = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
            if (run is null || run.State is JobRunState.Succeeded or JobRunState.Failed)
                return;
            var now = time.GetUtcNow();
            switch (run.State)
            {
                case JobRunState.Planning when run.LeaseUntil < now:
                    await FailAsync(db, runId, "The node planning this run stopped before it finished planning.", ct);
                    return;
                case JobRunState.Running when await ClaimBatchAsync(db, runId, now, ct) is { } batch:
                    await RunBatchAsync(db, JobNamed(scope, run.Job), await ContextOfAsync(db, run, ct), batch, ct);
                    continue;
                case JobRunState.Running or JobRunState.Finishing
                    when await TryClaimFinishAsync(db, runId, now, ct):
                    await FinishAsync(db, JobNamed(scope, run.Job), await ContextOfAsync(db, run, ct), ct);
                    continue;
            }
            // Another node holds what is left (a batch, the planning or the finishing): look again when its lease may have lapsed.
            await Task.Delay(Pause, time, pause);
        }
    }

    private async Task PlanAsync(LtiPdDbContext db, IBatchedJob job, JobRunEntity run, CancellationToken ct)
    {
        IReadOnlyList<string> keys;
        var runId = run.Id;
        await using (var heartbeat = KeepLease($"the planning of run {runId}", (other, until, token) => other.JobRuns
                   .Where(r => r.Id == runId && r.State == JobRunState.Planning && r.LeaseOwner == Node)
                   .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, until), token), ct))
        {
            try
            {
                keys = await job.PlanAsync(await ContextOfAsync(db, run, ct), heartbeat.Work);
            }
            catch (Exception) when (heartbeat.IsLost && !ct.IsCancellationRequested)
            {
                return; // another node closed this run and plans again
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Planning run {RunId} of job {Job} failed", run.Id, run.Job);
                await FailAsync(db, run.Id, $"Planning failed: {e.GetType().Name}: {e.Message}", ct);
                return;
            }
        }
        var batches = keys.Chunk(options.Value.BatchSize)
            .Select((chunk, index) => new JobBatchEntity { RunId = run.Id, Index = index, Keys = JsonSerializer.Serialize(chunk), State = JobBatchState.Pending })
            .ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stillMine = await db.JobRuns
            .Where(r => r.Id == run.Id && r.State == JobRunState.Planning && r.LeaseOwner == Node)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, JobRunState.Running)
                .SetProperty(r => r.PlannedItems, keys.Count)
                .SetProperty(r => r.Batches, batches.Count)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), ct);
        if (stillMine == 0)
            return;
        db.ChangeTracker.Clear();
        db.JobBatches.AddRange(batches);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Run {RunId} of job {Job} planned {Keys} keys in {Batches} batches", run.Id, run.Job, keys.Count, batches.Count);
    }

    private sealed record ClaimedBatch(int Index, IReadOnlyList<string> Keys, int Attempts);

    /// <summary>The first batch nobody holds, claimed by one conditional UPDATE; null when every batch is done or held.</summary>
    private async Task<ClaimedBatch?> ClaimBatchAsync(LtiPdDbContext db, long runId, DateTimeOffset now, CancellationToken ct)
    {
        var candidates = await Claimable(db, runId, now).OrderBy(b => b.Index).Select(b => b.Index).Take(8).ToListAsync(ct);
        foreach (var index in candidates)
        {
            var claimed = await Claimable(db, runId, now).Where(b => b.Index == index)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.State, JobBatchState.Running)
                    .SetProperty(b => b.LeaseOwner, Node)
                    .SetProperty(b => b.LeaseUntil, now + Lease)
                    .SetProperty(b => b.Attempts, b => b.Attempts + 1), ct);
            if (claimed == 0)
                continue; // another node was first
            var batch = await db.JobBatches.AsNoTracking().Where(b => b.RunId == runId && b.Index == index)
                .Select(b => new { b.Keys, b.Attempts }).FirstAsync(ct);
            return new ClaimedBatch(index, JsonSerializer.Deserialize<string[]>(batch.Keys) ?? [], batch.Attempts);
        }
        return null;
    }

    private static IQueryable<JobBatchEntity> Claimable(LtiPdDbContext db, long runId, DateTimeOffset now) =>
        db.JobBatches.Where(b => b.RunId == runId && (b.State == JobBatchState.Pending || (b.State == JobBatchState.Running && b.LeaseUntil < now)));

    private async Task RunBatchAsync(LtiPdDbContext db, IBatchedJob job, JobRunContext context, ClaimedBatch batch, CancellationToken ct)
    {
        if (batch.Attempts > MaxAttempts)
        {
            await FailAsync(db, context.RunId, $"Batch {batch.Index} was started {MaxAttempts} times and never finished: each time the node running it stopped.", ct);
            return;
        }
        int changed;
        await using (var heartbeat = KeepLease($"batch {batch.Index} of run {context.RunId}", (other, until, token) => other.JobBatches
                   .Where(b => b.RunId == context.RunId && b.Index == batch.Index && b.State == JobBatchState.Running && b.LeaseOwner == Node)
                   .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, until), token), ct))
        {
            try
            {
                changed = await job.RunBatchAsync(batch.Keys, context, heartbeat.Work);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // This node is stopping: hand the batch back at once instead of making the others wait for the lease.
                await db.JobBatches.Where(b => b.RunId == context.RunId && b.Index == batch.Index && b.LeaseOwner == Node)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, JobBatchState.Pending).SetProperty(b => b.LeaseOwner, (string?)null), CancellationToken.None);
                throw;
            }
            catch (Exception) when (heartbeat.IsLost)
            {
                return; // the batch is another node's now; what this one wrote before it stopped is done again there (jobs are idempotent)
            }
            catch (Exception e)
            {
                logger.LogError(e, "Batch {Index} of run {RunId} (job {Job}) failed", batch.Index, context.RunId, context.JobName);
                await FailAsync(db, context.RunId, $"Batch {batch.Index} failed: {e.GetType().Name}: {e.Message}", ct);
                return;
            }
        }
        var problems = context.Problems.Count == 0 ? null : JsonSerializer.Serialize(context.Problems);
        var recorded = await db.JobBatches.Where(b => b.RunId == context.RunId && b.Index == batch.Index && b.State == JobBatchState.Running && b.LeaseOwner == Node)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.State, JobBatchState.Done)
                .SetProperty(b => b.ItemsChanged, changed)
                .SetProperty(b => b.Problems, problems)
                .SetProperty(b => b.FinishedAt, time.GetUtcNow())
                .SetProperty(b => b.LeaseUntil, (DateTimeOffset?)null), ct);
        if (recorded == 0)
            logger.LogWarning("Batch {Index} of run {RunId} was taken over by another node while {Node} ran it; the other node's result counts", batch.Index, context.RunId, Node);
    }

    /// <summary>The finishing lease, won by one node once every batch is done (or taken over when its holder stopped).</summary>
    private async Task<bool> TryClaimFinishAsync(LtiPdDbContext db, long runId, DateTimeOffset now, CancellationToken ct) =>
        await db.JobRuns
            .Where(r => r.Id == runId
                && (r.State == JobRunState.Running || (r.State == JobRunState.Finishing && r.LeaseUntil < now))
                && !db.JobBatches.Any(b => b.RunId == r.Id && b.State != JobBatchState.Done))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, JobRunState.Finishing)
                .SetProperty(r => r.LeaseOwner, Node)
                .SetProperty(r => r.LeaseUntil, now + Lease), ct) == 1;

    private async Task FinishAsync(LtiPdDbContext db, IBatchedJob job, JobRunContext context, CancellationToken ct)
    {
        await using (var heartbeat = KeepLease($"the finishing of run {context.RunId}", (other, until, token) => other.JobRuns
                   .Where(r => r.Id == context.RunId && r.State == JobRunState.Finishing && r.LeaseOwner == Node)
                   .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, until), token), ct))
        {
            try
            {
                await job.FinishAsync(context, heartbeat.Work);
            }
            catch (Exception) when (heartbeat.IsLost && !ct.IsCancellationRequested)
            {
                return; // another node finishes the run
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Finishing run {RunId} of job {Job} failed", context.RunId, context.JobName);
                await FailAsync(db, context.RunId, $"Finishing failed: {e.GetType().Name}: {e.Message}", ct);
                return;
            }
        }
        var changed = await db.JobBatches.Where(b => b.RunId == context.RunId).SumAsync(b => b.ItemsChanged, ct);
        var finished = await db.JobRuns.Where(r => r.Id == context.RunId && r.State == JobRunState.Finishing && r.LeaseOwner == Node)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, JobRunState.Succeeded)
                .SetProperty(r => r.ItemsChanged, changed)
                .SetProperty(r => r.FinishedAt, time.GetUtcNow())
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), ct);
        if (finished == 1)
            logger.LogInformation("Run {RunId} of job {Job} succeeded: {Changed} items changed", context.RunId, context.JobName, changed);
    }

    /// <summary>
    /// Whether <paramref name="run"/>'s node still holds the run's finishing lease; for a job to ask first inside the transaction
    /// that records its finishing work. It touches the run's row, so on PostgreSQL another node taking the finishing over waits
    /// until that transaction has ended (and then finds the work recorded), and a node that has lost the lease records nothing.
    /// </summary>
    public static async Task<bool> HoldsFinishingAsync(LtiPdDbContext db, JobRunContext run, CancellationToken ct) =>
        await db.JobRuns.Where(r => r.Id == run.RunId && r.State == JobRunState.Finishing && r.LeaseOwner == run.Node)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, r => r.LeaseOwner), ct) == 1;

    /// <summary>Closes an open run as failed with the first error; the error is for administrators only.</summary>
    private async Task FailAsync(LtiPdDbContext db, long runId, string error, CancellationToken ct)
    {
        var text = error.Length > ErrorLength ? error[..ErrorLength] : error;
        await db.JobRuns
            .Where(r => r.Id == runId && (r.State == JobRunState.Planning || r.State == JobRunState.Running || r.State == JobRunState.Finishing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, JobRunState.Failed)
                .SetProperty(r => r.Error, text)
                .SetProperty(r => r.FinishedAt, time.GetUtcNow())
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>The context of a run; "since" is the start of the job's last successful run before this one.</summary>
    private async Task<JobRunContext> ContextOfAsync(LtiPdDbContext db, JobRunEntity run, CancellationToken ct)
    {
        var since = await db.JobRuns.AsNoTracking()
            .Where(r => r.Job == run.Job && r.State == JobRunState.Succeeded && r.StartedAt < run.StartedAt)
            .OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(ct);
        return new JobRunContext(run.Id, run.Job, run.Full, run.StartedAt, since, Node);
    }

    /// <summary>
    /// Renews a lease of this node every third of Jobs:LeaseTimeout until disposed. <paramref name="renew"/> moves the lease's
    /// end when the lease is still this node's and answers the rows it changed: none means another node has taken the work
    /// over, and the heartbeat cancels <see cref="LeaseHeartbeat.Work"/>.
    /// </summary>
    private LeaseHeartbeat KeepLease(string what, Func<LtiPdDbContext, DateTimeOffset, CancellationToken, Task<int>> renew, CancellationToken ct) =>
        new(new Beat(scopes, time, logger, Lease, Node, what, renew), ct);

    private sealed record Beat(
        IServiceScopeFactory Scopes, TimeProvider Time, ILogger Logger, TimeSpan Lease, string Node, string What,
        Func<LtiPdDbContext, DateTimeOffset, CancellationToken, Task<int>> Renew);

    /// <summary>A lease kept alive in the background while its holder works; its own database scope, as the work uses the other.</summary>
    private sealed class LeaseHeartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _work;
        private readonly Task _beating;

        public LeaseHeartbeat(Beat beat, CancellationToken ct)
        {
            _work = CancellationTokenSource.CreateLinkedTokenSource(ct, _lost.Token);
            _beating = BeatAsync(beat);
        }

        /// <summary>The work's token: cancelled when the node stops or the lease turns out to be another node's.</summary>
        public CancellationToken Work => _work.Token;

        public bool IsLost => _lost.IsCancellationRequested;

        private async Task BeatAsync(Beat beat)
        {
            var every = beat.Lease / 3;
            while (true)
            {
                try
                {
                    await Task.Delay(every, beat.Time, _stop.Token);
                    await using var scope = beat.Scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
                    // Not cancelled midway: a renewal is one short UPDATE, and cancelling it costs PostgreSQL a round trip of its own.
                    if (await beat.Renew(db, beat.Time.GetUtcNow() + beat.Lease, CancellationToken.None) > 0)
                        continue;
                    beat.Logger.LogWarning("Node {Node} lost its lease on {What} to another node; it stops that work and records nothing", beat.Node, beat.What);
                    await _lost.CancelAsync();
                    return;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // A busy or unreachable database: the lease has two more beats before it lapses, so try again.
                    beat.Logger.LogWarning(e, "Node {Node} could not renew its lease on {What}", beat.Node, beat.What);
                }
            }
        }

        /// <summary>Stops renewing (the work ended): what the holder records next is guarded by its lease as it stands.</summary>
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _beating;
            _work.Dispose();
            _lost.Dispose();
            _stop.Dispose();
        }
    }

    private static IBatchedJob JobNamed(AsyncServiceScope scope, string name) =>
        scope.ServiceProvider.GetServices<IBatchedJob>().FirstOrDefault(j => j.Name == name)
        ?? throw new InvalidOperationException($"No job is named '{name}'.");
}
