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
        var (stopped, survivor) = (harness.NewNode(), harness.NewNode());

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

    /// <summary>What the test job has done, shared by every scope and node in the test.</summary>
    internal sealed class Marks
    {
        public ConcurrentDictionary<string, int> Done { get; } = new(StringComparer.Ordinal);
        public string? StallOn { get; init; }
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
                await marks.Release.Task;
            }
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
