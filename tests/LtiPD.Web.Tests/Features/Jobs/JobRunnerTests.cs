using System.Collections.Concurrent;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Jobs;

/// <summary>The runner over a real SQLite file: what several nodes sharing one run do, and what a run leaves in job_runs.</summary>
public sealed class JobRunnerTests
{
    [Fact]
    public async Task TwoNodesOnOneRunDoEveryKeyExactlyOnce()
    {
        var marks = new Marks();
        await using var harness = await JobHarness.StartAsync(s => s.AddSingleton(marks).AddBatchedJob<MarkingJob>());
        var (first, second) = (harness.NewNode(), harness.NewNode());

        var (runId, opened) = await first.OpenAsync(MarkingJob.JobName, false, CancellationToken.None);
        var (joined, openedAgain) = await second.OpenAsync(MarkingJob.JobName, false, CancellationToken.None);
        await Task.WhenAll(first.WorkAsync(runId, CancellationToken.None), second.WorkAsync(runId, CancellationToken.None));

        Assert.True(opened);
        Assert.False(openedAgain);
        Assert.Equal(runId, joined);
        Assert.Equal(MarkingJob.Keys, marks.Done.Keys.Order(StringComparer.Ordinal));
        Assert.All(marks.Done.Values, times => Assert.Equal(1, times));
        var run = await harness.WithDbAsync(db => db.JobRuns.SingleAsync());
        Assert.Equal((JobRunState.Succeeded, 50, 50, 10), (run.State, run.PlannedItems, run.ItemsChanged, run.Batches));
        Assert.Equal(1, marks.Finished);
    }

    [Fact]
    public async Task ASecondRunPlansNothingAndChangesNothing()
    {
        var marks = new Marks();
        await using var harness = await JobHarness.StartAsync(s => s.AddSingleton(marks).AddBatchedJob<MarkingJob>());
        var node = harness.NewNode();

        var firstRun = await node.RunAsync(MarkingJob.JobName, false, CancellationToken.None);
        var secondRun = await node.RunAsync(MarkingJob.JobName, false, CancellationToken.None);

        var runs = await harness.WithDbAsync(db => db.JobRuns.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([firstRun, secondRun], runs.Select(r => r.Id));
        Assert.Equal((JobRunState.Succeeded, 50, 50), (runs[0].State, runs[0].PlannedItems, runs[0].ItemsChanged));
        Assert.Equal((JobRunState.Succeeded, 0, 0, 0), (runs[1].State, runs[1].PlannedItems, runs[1].ItemsChanged, runs[1].Batches));
        // The second run is incremental from the first one's start.
        Assert.Equal(runs[0].StartedAt, marks.LastSince);
    }

    [Fact]
    public async Task ABatchWhoseNodeStoppedIsTakenOverWhenItsLeaseLapses()
    {
        var marks = new Marks { StallOn = "key-00" };
        await using var harness = await JobHarness.StartAsync(s => s.AddSingleton(marks).AddBatchedJob<MarkingJob>(), lease: TimeSpan.FromSeconds(1));
        // A stopped process renews nothing: the first node's heartbeat never beats.
        var (stopped, survivor) = (harness.NewNode(new StoppedTimers()), harness.NewNode());

        var (runId, _) = await stopped.OpenAsync(MarkingJob.JobName, false, CancellationToken.None);
        // The first node takes batch 0 and never comes back from it, as if its process had been killed.
        var stalled = stopped.WorkAsync(runId, CancellationToken.None);
        await marks.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await survivor.WorkAsync(runId, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var run = await harness.WithDbAsync(db => db.JobRuns.SingleAsync());
        var first = await harness.WithDbAsync(db => db.JobBatches.SingleAsync(b => b.Index == 0));
        Assert.Equal(JobRunState.Succeeded, run.State);
        Assert.Equal((JobBatchState.Done, 2, survivor.Node), (first.State, first.Attempts, first.LeaseOwner));
        Assert.Equal(MarkingJob.Keys, marks.Done.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, marks.Finished);
        marks.Release.SetResult();
        await stalled.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(JobRunState.Succeeded, (await harness.WithDbAsync(db => db.JobRuns.SingleAsync())).State);
    }

    [Fact]
    public async Task AFailingBatchFailsTheRunWithItsErrorAndTheNextRunStartsAfresh()
    {
        var marks = new Marks { FailOn = "key-17" };
        await using var harness = await JobHarness.StartAsync(s => s.AddSingleton(marks).AddBatchedJob<MarkingJob>());
        var node = harness.NewNode();

        await node.RunAsync(MarkingJob.JobName, false, CancellationToken.None);
        marks.FailOn = null;
        await node.RunAsync(MarkingJob.JobName, false, CancellationToken.None);

        var runs = await harness.WithDbAsync(db => db.JobRuns.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(JobRunState.Failed, runs[0].State);
        Assert.Equal("Batch 3 failed: InvalidOperationException: The LMS said no to key-17.", runs[0].Error);
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Equal(JobRunState.Succeeded, runs[1].State);
        Assert.Null(runs[1].Error);
        // Incremental runs count from the last successful one: there was none before.
        Assert.Null(marks.LastSince);
        Assert.Equal(MarkingJob.Keys, marks.Done.Keys.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Databases => new() { "Sqlite", "PostgreSql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ABatchThatRunsLongerThanTheLeaseStaysWithItsNodeAndRunsOnce(string database)
    {
        // Three seconds, so the heartbeat (every third of it) has a second to reach the database: with one second, a full test run
        // on 2 cores once delayed a renewal past the lease, and the other node rightly took the batch over.
        var lease = TimeSpan.FromSeconds(3);
        // Batch 0 takes three and a half leases; the other node is free after its own batches and keeps looking for work.
        var marks = new Marks { SlowOn = "key-00", Slowness = lease * 3.5 };
        await using var harness = await StartAsync(marks, lease, database);
        var (first, second) = (harness.NewNode(), harness.NewNode());

        var (runId, _) = await first.OpenAsync(MarkingJob.JobName, false, CancellationToken.None);
        await Task.WhenAll(first.WorkAsync(runId, CancellationToken.None), second.WorkAsync(runId, CancellationToken.None))
            .WaitAsync(TimeSpan.FromSeconds(60));

        var run = await harness.WithDbAsync(db => db.JobRuns.SingleAsync());
        var slow = await harness.WithDbAsync(db => db.JobBatches.SingleAsync(b => b.Index == 0));
        Assert.Equal((JobRunState.Succeeded, null), (run.State, run.Error));
        Assert.Equal((JobBatchState.Done, 1), (slow.State, slow.Attempts));
        Assert.True(slow.FinishedAt - run.StartedAt > lease * 3, $"batch 0 finished {slow.FinishedAt - run.StartedAt} after the start: it was not slow");
        Assert.Equal(MarkingJob.Keys, marks.Done.Keys.Order(StringComparer.Ordinal));
        Assert.All(marks.Done, done => Assert.Equal(1, done.Value));
        Assert.Equal(50, run.ItemsChanged);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task ANodeThatLostItsLeaseStopsTheBatchAndRecordsNothingOverTheNewHolder(string database)
    {
        var lease = TimeSpan.FromSeconds(1);
        var marks = new Marks { StallOn = "key-00", StallUntilCancelled = true };
        await using var harness = await StartAsync(marks, lease, database);
        var node = harness.NewNode();

        var (runId, _) = await node.OpenAsync(MarkingJob.JobName, false, CancellationToken.None);
        var working = node.WorkAsync(runId, CancellationToken.None);
        await marks.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Another node takes batch 0 over, as its claim would after the lease had lapsed (say the database was out of reach).
        await harness.WithDbAsync(db => db.JobBatches.Where(b => b.RunId == runId && b.Index == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, "another-node").SetProperty(b => b.LeaseUntil, DateTimeOffset.UtcNow.AddHours(1))));

        // The node's next heartbeat finds the lease gone and cancels the batch; it goes on with the other batches.
        await marks.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(harness, db => db.JobBatches.CountAsync(b => b.RunId == runId && b.State == JobBatchState.Done), 9);
        var taken = await harness.WithDbAsync(db => db.JobBatches.SingleAsync(b => b.Index == 0));
        Assert.Equal((JobBatchState.Running, "another-node", 1), (taken.State, taken.LeaseOwner, taken.Attempts));
        Assert.Equal(JobRunState.Running, (await harness.WithDbAsync(db => db.JobRuns.SingleAsync())).State);
        Assert.False(marks.Done.ContainsKey("key-00"));

        // The other node stops in turn: its lease lapses and the first node does batch 0 after all.
        await harness.WithDbAsync(db => db.JobBatches.Where(b => b.RunId == runId && b.Index == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await working.WaitAsync(TimeSpan.FromSeconds(30));

        var run = await harness.WithDbAsync(db => db.JobRuns.SingleAsync());
        var redone = await harness.WithDbAsync(db => db.JobBatches.SingleAsync(b => b.Index == 0));
        Assert.Equal(JobRunState.Succeeded, run.State);
        Assert.Equal((JobBatchState.Done, 2, node.Node), (redone.State, redone.Attempts, redone.LeaseOwner));
        Assert.All(marks.Done, done => Assert.Equal(1, done.Value));
        Assert.Equal(50, run.ItemsChanged);
    }

    private static Task<JobHarness> StartAsync(Marks marks, TimeSpan lease, string database)
    {
        var postgres = database == "PostgreSql" ? Infrastructure.TestPostgresDatabase.Server : null;
        Skip.If(database == "PostgreSql" && postgres is null, $"{Infrastructure.TestPostgresDatabase.ServerVariable} is not set.");
        return JobHarness.StartAsync(s => s.AddSingleton(marks).AddBatchedJob<MarkingJob>(), lease, postgres: postgres);
    }

    private static async Task WaitUntilAsync(JobHarness harness, Func<LtiPD.Data.LtiPdDbContext, Task<int>> count, int expected)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (await harness.WithDbAsync(count) != expected)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the count did not reach {expected} within 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>The clock of a process that stopped: it tells the time, but no timer of it ever fires again.</summary>
    private sealed class StoppedTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>What the test job has done, shared by every scope and node in the test.</summary>
    internal sealed class Marks
    {
        public ConcurrentDictionary<string, int> Done { get; } = new(StringComparer.Ordinal);
        public string? StallOn { get; init; }

        /// <summary>The stalled batch waits for its cancellation (a lost lease) instead of <see cref="Release"/>.</summary>
        public bool StallUntilCancelled { get; init; }

        public string? SlowOn { get; init; }
        public TimeSpan Slowness { get; init; }
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? FailOn { get; set; }
        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Finished;
        public DateTimeOffset? LastSince;
        private int _stalls;

        public bool StallOnce(string key) => key == StallOn && Interlocked.Increment(ref _stalls) == 1;
    }

    /// <summary>Marks 50 keys as done; idempotent (a key already done is not planned and not counted again).</summary>
    internal sealed class MarkingJob(Marks marks) : IBatchedJob
    {
        public const string JobName = "marking";

        public static readonly IReadOnlyList<string> Keys = [.. Enumerable.Range(0, 50).Select(i => $"key-{i:00}")];

        public string Name => JobName;

        public Task<IReadOnlyList<string>> PlanAsync(JobRunContext run, CancellationToken ct)
        {
            marks.LastSince = run.LastSuccessfulStart;
            return Task.FromResult<IReadOnlyList<string>>([.. Keys.Where(k => !marks.Done.ContainsKey(k))]);
        }

        public async Task<int> RunBatchAsync(IReadOnlyList<string> keys, JobRunContext run, CancellationToken ct)
        {
            if (keys.Any(marks.StallOnce))
            {
                marks.Stalled.SetResult();
                try
                {
                    await (marks.StallUntilCancelled ? Task.Delay(Timeout.Infinite, ct) : marks.Release.Task);
                }
                catch (OperationCanceledException)
                {
                    marks.Cancelled.SetResult();
                    throw;
                }
            }
            if (marks.SlowOn is { } slow && keys.Contains(slow))
                await Task.Delay(marks.Slowness, ct);
            if (keys.FirstOrDefault(k => k == marks.FailOn) is { } failing)
                throw new InvalidOperationException($"The LMS said no to {failing}.");
            // Counts every time a key is done, so a test sees a key done twice; "changed" counts only the first time.
            return keys.Count(key => marks.Done.AddOrUpdate(key, 1, (_, times) => times + 1) == 1);
        }

        public Task FinishAsync(JobRunContext run, CancellationToken ct)
        {
            Interlocked.Increment(ref marks.Finished);
            return Task.CompletedTask;
        }
    }
}
