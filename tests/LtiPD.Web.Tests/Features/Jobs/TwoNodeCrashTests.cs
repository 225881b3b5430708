using System.Diagnostics;
using LtiPD.Data.Entities;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static LtiPD.Web.Tests.Infrastructure.TwoNodeRuns;

namespace LtiPD.Web.Tests.Features.Jobs;

/// <summary>
/// Two real tool processes on one PostgreSQL database share a job run; one is killed while it holds a batch, and the other
/// finishes the run once the batch's lease lapses. The result is compared with a single node's run of the same job on a
/// database seeded the same way. Runs whenever LTIPD_TEST_POSTGRES names a server (.ci/run always sets it).
/// <para>
/// Reusing it for another job (the nightly recompute): seed both databases with <c>SeedAsync</c>'s counterpart for that
/// job's evidence, pass the job's name to <see cref="TwoNodeRuns.TriggerAsync"/>, and compare what the job wrote (its tables)
/// in <c>StateOf</c>'s counterpart, as NightlyTwoNodeCrashTests does. <see cref="TwoNodeRuns"/> keeps leases and polling short
/// and batches small; <see cref="ToolNode"/> and <see cref="TestPostgresDatabase"/> (tests/…/Infrastructure) start nodes and databases.
/// </para>
/// </summary>
[Collection(TwoNodeRuns.Collection)]
public sealed class TwoNodeCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private const int ExpiredNonces = 18_000;
    private const int BatchSize = 100;

    [SkippableFact]
    public async Task WhenANodeIsKilledInTheMiddleOfARunTheOtherFinishesItWithTheSameResultAsOneNode()
    {
        Skip.If(TestPostgresDatabase.Server is null, $"{TestPostgresDatabase.ServerVariable} is not set: the two-node test needs a PostgreSQL server (.ci/run starts one).");
        using var shared = await TestPostgresDatabase.CreateAsync(TestPostgresDatabase.Server!);
        using var alone = await TestPostgresDatabase.CreateAsync(TestPostgresDatabase.Server!);
        await SeedAsync(shared);
        await SeedAsync(alone);

        await using (var doomed = await ToolNode.StartAsync(NodeSettings(shared), output))
        await using (var survivor = await ToolNode.StartAsync(NodeSettings(shared), output))
        {
            var runId = await TriggerAsync(doomed, "housekeeping");
            var held = await KillWhileItHoldsABatchAsync(doomed, shared, runId);
            var killedAt = Stopwatch.StartNew();

            var run = await WaitForRunAsync(shared, runId, Lease + TimeSpan.FromSeconds(60), survivor);

            output.WriteLine($"killed node {doomed.ProcessId} holding batches [{string.Join(", ", held)}]; node {survivor.ProcessId} finished the run {killedAt.Elapsed.TotalSeconds:0.0} s later");
            Assert.Equal(JobRunState.Succeeded, run.State);
            Assert.True(killedAt.Elapsed < Lease + TimeSpan.FromSeconds(60), $"the run took {killedAt.Elapsed} after the kill");
            await using var db = shared.CreateContext();
            var redone = await db.JobBatches.Where(b => b.RunId == runId && held.Contains(b.Index)).ToListAsync();
            Assert.All(redone, b => Assert.Equal((JobBatchState.Done, 2), (b.State, b.Attempts)));
            Assert.All(redone, b => Assert.Contains($"/{survivor.ProcessId}/", b.LeaseOwner, StringComparison.Ordinal));
        }

        await using (var single = await ToolNode.StartAsync(NodeSettings(alone), output))
            await WaitForRunAsync(alone, await TriggerAsync(single, "housekeeping"), TimeSpan.FromSeconds(120), single);

        var (sharedState, aloneState) = (await StateOfAsync(shared), await StateOfAsync(alone));
        Assert.Equal(aloneState.Nonces, sharedState.Nonces);
        Assert.Equal((aloneState.Run.PlannedItems, aloneState.Run.Batches), (sharedState.Run.PlannedItems, sharedState.Run.Batches));
        Assert.Equal(500, sharedState.Nonces.Count);
        Assert.Equal(ExpiredNonces, sharedState.Run.PlannedItems);
        output.WriteLine($"single node: {aloneState.Run.FinishedAt - aloneState.Run.StartedAt}; two nodes with a kill: {sharedState.Run.FinishedAt - sharedState.Run.StartedAt}");
    }

    private static Dictionary<string, string> NodeSettings(TestPostgresDatabase database) => TwoNodeRuns.NodeSettings(database, Lease, BatchSize);

    /// <summary>Many thousand expired rows (and some fresh ones that must stay), written in bulk by the server.</summary>
    private static async Task SeedAsync(TestPostgresDatabase database)
    {
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO used_nonces ("Issuer", "Value", "KeepUntil")
              SELECT 'https://lms' || (g % 3) || '.example.edu', 'expired-' || g, now() - interval '1 hour' FROM generate_series(1, {ExpiredNonces}) g;
            INSERT INTO used_nonces ("Issuer", "Value", "KeepUntil")
              SELECT 'https://lms0.example.edu', 'fresh-' || g, now() + interval '1 day' FROM generate_series(1, 500) g;
            """);
    }

    private sealed record State(List<string> Nonces, JobRunEntity Run);

    private static async Task<State> StateOfAsync(TestPostgresDatabase database)
    {
        await using var db = database.CreateContext();
        return new State(
            await db.UsedNonces.Select(n => n.Issuer + " " + n.Value).OrderBy(v => v).ToListAsync(),
            await db.JobRuns.AsNoTracking().SingleAsync(r => r.Job == "housekeeping"));
    }
}
