using System.Diagnostics;
using LtiPD.Data.Entities;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static LtiPD.Web.Tests.Infrastructure.TwoNodeRuns;

namespace LtiPD.Web.Tests.Features.Development;

/// <summary>
/// Issue 11 (Jobs: Hangfire): two real tool processes on one PostgreSQL database share a full rebuild of the nightly
/// development job; one is killed while it holds a batch of teachers, the other finishes the run once the lease lapses, and what
/// the run wrote (every teacher's result, the route history and the aggregates) equals a single node's run on a database seeded
/// the same way. Runs whenever LTIPD_TEST_POSTGRES names a server (.ci/run always sets it). The lease is long enough for a
/// batch on a busy machine: a batch that outlives its lease is taken by the other node too, and the two inserting the same
/// teachers fail the run.
/// </summary>
[Collection(TwoNodeRuns.Collection)]
public sealed class NightlyTwoNodeCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private const int Teachers = 2_400;
    private const int BatchSize = 25;
    private const string Issuer = "https://lms.example.edu";
    private const string Deployment = "deployment-1";

    [SkippableFact]
    public async Task WhenANodeIsKilledInTheMiddleOfAFullRebuildTheOtherFinishesItWithTheSameResultAsOneNode()
    {
        Skip.If(TestPostgresDatabase.Server is null, $"{TestPostgresDatabase.ServerVariable} is not set: the two-node test needs a PostgreSQL server (.ci/run starts one).");
        using var shared = await TestPostgresDatabase.CreateAsync(TestPostgresDatabase.Server!);
        using var alone = await TestPostgresDatabase.CreateAsync(TestPostgresDatabase.Server!);
        var seededAt = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        await SeedAsync(shared, seededAt);
        await SeedAsync(alone, seededAt);

        long runId;
        await using (var doomed = await ToolNode.StartAsync(NodeSettings(shared, Lease, BatchSize), output))
        await using (var survivor = await ToolNode.StartAsync(NodeSettings(shared, Lease, BatchSize), output))
        {
            runId = await TriggerAsync(doomed, NightlyDevelopmentJob.JobName, full: true);
            var held = await KillWhileItHoldsABatchAsync(doomed, shared, runId);
            var killedAt = Stopwatch.StartNew();

            var run = await WaitForRunAsync(shared, runId, Lease + TimeSpan.FromSeconds(90), survivor);

            output.WriteLine($"killed node {doomed.ProcessId} holding batches [{string.Join(", ", held)}]; node {survivor.ProcessId} finished the run {killedAt.Elapsed.TotalSeconds:0.0} s later");
            Assert.True(run.State == JobRunState.Succeeded, $"the run {run.State}: {run.Error}");
            Assert.True(run.Full, "the run was not a full rebuild");
            Assert.True(killedAt.Elapsed < Lease + TimeSpan.FromSeconds(90), $"the run took {killedAt.Elapsed} after the kill");
            Assert.NotEmpty(held);
            await using var db = shared.CreateContext();
            var redone = await db.JobBatches.Where(b => b.RunId == runId && held.Contains(b.Index)).ToListAsync();
            Assert.All(redone, b => Assert.Equal((JobBatchState.Done, 2), (b.State, b.Attempts)));
            Assert.All(redone, b => Assert.Contains($"/{survivor.ProcessId}/", b.LeaseOwner, StringComparison.Ordinal));

            // Hangfire gives the killed node's "Full rebuild" job to the survivor once its invisibility timeout lapses; it joins the
            // run if that is still open, or else opens a run of its own, which must change nothing.
            var untilRedelivered = Lease + TimeSpan.FromSeconds(2) - killedAt.Elapsed;
            if (untilRedelivered > TimeSpan.Zero)
                await Task.Delay(untilRedelivered);
            await WaitForQueueToEmptyAsync(shared, TimeSpan.FromSeconds(180), survivor);
            var runs = await db.JobRuns.AsNoTracking().Where(r => r.Job == NightlyDevelopmentJob.JobName).OrderBy(r => r.Id).ToListAsync();
            Assert.All(runs, r => Assert.Equal(JobRunState.Succeeded, r.State));
            Assert.All(runs.Skip(1), r => Assert.Equal(0, r.ItemsChanged));
            output.WriteLine($"runs on the shared database: {string.Join("; ", runs.Select(r => $"{r.Id} full={r.Full} changed {r.ItemsChanged} of {r.PlannedItems} in {r.FinishedAt - r.StartedAt}"))}");
        }

        long aloneRunId;
        await using (var single = await ToolNode.StartAsync(NodeSettings(alone, Lease, BatchSize), output))
            await WaitForRunAsync(alone, aloneRunId = await TriggerAsync(single, NightlyDevelopmentJob.JobName, full: true), TimeSpan.FromSeconds(180), single);

        var (sharedState, aloneState) = (await StateOfAsync(shared, runId), await StateOfAsync(alone, aloneRunId));
        Assert.Equal(Enumerable.Range(0, Teachers).Select(UserOf).Order(StringComparer.Ordinal), sharedState.Teachers.Select(t => t.UserId));
        Assert.Equal(aloneState.Teachers, sharedState.Teachers);
        Assert.Equal(aloneState.Routes, sharedState.Routes);
        Assert.Equal(aloneState.Aggregates, sharedState.Aggregates);
        Assert.Equal((aloneState.Run.PlannedItems, aloneState.Run.Batches), (sharedState.Run.PlannedItems, sharedState.Run.Batches));
        Assert.Equal(Teachers, sharedState.Run.PlannedItems);
        // The seed gives the run something to agree on: several career stages, departments, routes and declared barriers.
        Assert.True(sharedState.Teachers.Select(t => t.Stage).Distinct().Count() >= 4, "fewer than four career stages appear");
        Assert.NotEmpty(sharedState.Routes);
        Assert.Contains(sharedState.Aggregates, a => a.GroupKind == (int)GroupKind.Department);
        Assert.Contains(sharedState.Teachers, t => t.Indicators != 0);
        output.WriteLine($"{Teachers} teachers in batches of {BatchSize}; single node: {aloneState.Run.FinishedAt - aloneState.Run.StartedAt}; two nodes with a kill: {sharedState.Run.FinishedAt - sharedState.Run.StartedAt}");
    }

    private static string UserOf(int i) => $"teacher-{i:D5}";

    /// <summary>
    /// One platform and deployment; each teacher states a situation (years of teaching spread over every career stage, one of
    /// seven departments) and every third answers the barrier questionnaire, on dates fixed by <paramref name="at"/>.
    /// </summary>
    private static async Task SeedAsync(TestPostgresDatabase database, DateTimeOffset at)
    {
        await using var db = database.CreateContext();
        var platform = new PlatformEntity { Issuer = Issuer, ClientId = "c", AuthUrl = $"{Issuer}/a", TokenUrl = $"{Issuer}/t", JwksUrl = $"{Issuer}/j" };
        db.Platforms.Add(platform);
        await db.SaveChangesAsync();
        db.Deployments.Add(new DeploymentEntity { PlatformId = platform.Id, DeploymentId = Deployment, CreatedAt = at.AddDays(-400) });
        for (var i = 0; i < Teachers; i++)
        {
            db.TeacherSituations.Add(new TeacherSituationEntity
            {
                PlatformId = platform.Id, DeploymentId = Deployment, UserId = UserOf(i),
                YearsTeaching = i % 13 == 0 ? null : i % 30, Training = 1, Department = $"department-{i % 7}", UpdatedAt = at.AddDays(-(i % 90)),
            });
            if (i % 3 != 0)
                continue;
            var agreement = new Dictionary<DeclaredBarrier, int>
            {
                [(DeclaredBarrier)(i % 7)] = 1 + i % 4,
                [DeclaredBarrier.ScheduleConflict] = 1 + (i / 7) % 4,
            };
            db.BarrierAnswers.Add(new BarrierAnswersEntity
            {
                Id = $"answers-{i}", PlatformId = platform.Id, DeploymentId = Deployment, UserId = UserOf(i), At = at.AddDays(-(i % 400)),
                Answers = BarrierAnswersJson.Write(agreement, i % 2 == 0 ? ["more evening courses"] : []),
            });
        }
        await db.SaveChangesAsync();
    }

    private sealed record Teacher(string DeploymentId, string UserId, int? Stage, string? Department, string Courses, long Indicators, string Levels, string Snapshot, string Fingerprint);

    private sealed record RouteRow(string DeploymentId, string UserId, string ProgrammeCode, int Cause, string Fingerprint, string Route, string Changes);

    private sealed record Aggregate(string Issuer, int GroupKind, string GroupValue, string Month, int Teachers, string Payload);

    private sealed record State(List<Teacher> Teachers, List<RouteRow> Routes, List<Aggregate> Aggregates, JobRunEntity Run);

    /// <summary>What the nightly job wrote, keyed by deployment and user (or issuer) rather than the database's own ids; no times.</summary>
    private static async Task<State> StateOfAsync(TestPostgresDatabase database, long runId)
    {
        await using var db = database.CreateContext();
        var issuers = await db.Platforms.ToDictionaryAsync(p => p.Id, p => p.Issuer);
        return new State(
            (await db.TeacherDevelopment.AsNoTracking().ToListAsync())
                .Select(d => new Teacher(d.DeploymentId, d.UserId, d.Stage, d.Department, d.Courses, d.Indicators, d.Levels, d.Snapshot, d.Fingerprint))
                .OrderBy(t => t.DeploymentId, StringComparer.Ordinal).ThenBy(t => t.UserId, StringComparer.Ordinal).ToList(),
            (await db.RouteHistory.AsNoTracking().ToListAsync())
                .Select(r => new RouteRow(r.DeploymentId, r.UserId, r.ProgrammeCode, r.Cause, r.Fingerprint, r.Route, r.Changes))
                .OrderBy(r => r.DeploymentId, StringComparer.Ordinal).ThenBy(r => r.UserId, StringComparer.Ordinal).ThenBy(r => r.ProgrammeCode, StringComparer.Ordinal).ToList(),
            (await db.DevelopmentAggregates.AsNoTracking().ToListAsync())
                .Select(a => new Aggregate(issuers[a.PlatformId], a.GroupKind, a.GroupValue, a.Month, a.Teachers, a.Payload))
                .OrderBy(a => a.Issuer, StringComparer.Ordinal).ThenBy(a => a.GroupKind).ThenBy(a => a.GroupValue, StringComparer.Ordinal).ThenBy(a => a.Month, StringComparer.Ordinal).ToList(),
            await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
    }
}
