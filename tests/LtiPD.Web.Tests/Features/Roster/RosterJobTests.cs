using System.Net;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Jobs;
using LtiPD.Web.Features.Roster;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>Rosters are read again only by the rosters job here: a page never refreshes one by itself during a test.</summary>
public sealed class RosterJobEnvironment : LtiEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Roster:RefreshInterval"] = "01:00:00",
        ["Jobs:RostersCron"] = "0 0 1 1 *",
        ["Jobs:HousekeepingCron"] = "0 0 1 1 *",
        ["Jobs:NightlyCron"] = "0 0 1 1 *",
    };

    protected override IReadOnlyDictionary<string, string>? ToolSettings => Settings;

    /// <summary>
    /// Another node on the same database, with its own memory (its own roster cache) and no job server, that looks for a roster
    /// stored elsewhere on every view unless <paramref name="sharedCheck"/> says otherwise.
    /// </summary>
    public ToolFactory SecondNode(TimeSpan? sharedCheck = null) => new(Tool.DatabaseFile, settings: new Dictionary<string, string>(Settings)
    {
        ["Jobs:Enabled"] = "false",
        ["Roster:SharedCheckInterval"] = (sharedCheck ?? TimeSpan.Zero).ToString(),
    });

    /// <summary>Runs the rosters job to its end on the first node, as a Hangfire worker would; answers the run as /admin shows it.</summary>
    public async Task<JobRunSummary> RunRostersJobAsync()
    {
        var runId = await Tool.Services.GetRequiredService<JobRunner>().RunAsync(RosterRefreshJob.JobName, false, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        await using var scope = Tool.Services.CreateAsyncScope();
        var runs = await scope.ServiceProvider.GetRequiredService<JobHistory>().LastRunsAsync(CancellationToken.None);
        return runs[RosterRefreshJob.JobName].Single(r => r.Id == runId);
    }
}

/// <summary>
/// The rosters job through the platform simulator's NRPS: what it reads is stored for every node, a second run changes
/// nothing, an LMS that is down is a problem of its course that keeps the last roster, and a memberships URL pointing inside
/// the network is refused by the outbound policy.
/// </summary>
public sealed class RosterJobTests(RosterJobEnvironment env) : IClassFixture<RosterJobEnvironment>, IDisposable
{
    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task ARosterChangeAtTheLmsReachesEveryNodeOnceTheJobHasRunAndASecondRunChangesNothing()
    {
        var steps = new RosterSteps(env);
        var designer = await steps.LaunchAsync(env.Platform.Designer);
        await using var second = env.SecondNode();
        var onSecond = new LaunchDriver(second, env.Platform);
        var before = RosterSteps.Listed((await onSecond.GetAsync($"s/{designer}/cohort")).Body);

        var joined = env.Platform.AddLearners(1)[0];
        var stillCached = RosterSteps.Listed((await onSecond.GetAsync($"s/{designer}/cohort")).Body);
        var callsBeforeRun = steps.MembershipCalls().Count;
        var run = await env.RunRostersJobAsync();
        var callsOfRun = steps.MembershipCalls().Count;
        var after = await onSecond.GetAsync($"s/{designer}/cohort");
        var callsAfterView = steps.MembershipCalls().Count;
        var again = await env.RunRostersJobAsync();

        Assert.Contains(env.Platform.Designer.Sub, before);
        Assert.DoesNotContain(joined.Sub, before);
        Assert.Equal(before, stillCached);
        Assert.Equal((JobRunState.Succeeded, null), (run.State, run.Error));
        Assert.DoesNotContain(run.Problems, p => p.Contains(steps.ContextId, StringComparison.Ordinal));
        Assert.True(run.ItemsChanged >= 1, $"the run changed {run.ItemsChanged} rosters");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Contains(joined.Sub, RosterSteps.Listed(after.Body));
        Assert.Contains("data-source=\"Lms\"", after.Body, StringComparison.Ordinal);
        // The job read the LMS; the second node's page did not: the new roster came from the job, through the database.
        Assert.True(callsOfRun > callsBeforeRun, "the job did not read the roster");
        Assert.Equal(callsOfRun, callsAfterView);
        Assert.Equal((JobRunState.Succeeded, 0), (again.State, again.ItemsChanged));
        Assert.True(steps.MembershipCalls().Count > callsAfterView, "the second run did not read the roster");
    }

    [Fact]
    public async Task ANodeLooksForARosterStoredElsewhereAtMostOncePerSharedCheckInterval()
    {
        var steps = new RosterSteps(env);
        var designer = await steps.LaunchAsync(env.Platform.Designer);
        var interval = TimeSpan.FromSeconds(6);
        await using var second = env.SecondNode(interval);
        var onSecond = new LaunchDriver(second, env.Platform);
        var before = RosterSteps.Listed((await onSecond.GetAsync($"s/{designer}/cohort")).Body);
        var sinceLooked = System.Diagnostics.Stopwatch.StartNew(); // the node looked during that view, so before this

        var joined = env.Platform.AddLearners(1)[0];
        var run = await env.RunRostersJobAsync();
        var withinInterval = RosterSteps.Listed((await onSecond.GetAsync($"s/{designer}/cohort")).Body);
        var soon = sinceLooked.Elapsed;
        await Task.Delay(interval - soon + TimeSpan.FromMilliseconds(200));
        var after = RosterSteps.Listed((await onSecond.GetAsync($"s/{designer}/cohort")).Body);

        Assert.Equal((JobRunState.Succeeded, null), (run.State, run.Error));
        Assert.True(soon < interval / 2, $"the job took {soon}: the view meant to come within the interval may have come after it");
        Assert.DoesNotContain(joined.Sub, before);
        Assert.Equal(before, withinInterval);
        Assert.Contains(joined.Sub, after);
    }

    [Fact]
    public async Task AnLmsThatIsDownIsAProblemOfItsCourseAndTheLastRosterStays()
    {
        var steps = new RosterSteps(env);
        var designer = await steps.LaunchAsync(env.Platform.Designer);
        var before = RosterSteps.Listed((await steps.GetAsync($"s/{designer}/cohort")).Body);
        var joined = env.Platform.AddLearners(1)[0];
        steps.FailMemberships(503);

        var run = await env.RunRostersJobAsync();
        await using var second = env.SecondNode();
        var onSecond = await new LaunchDriver(second, env.Platform).GetAsync($"s/{designer}/cohort");

        Assert.Equal((JobRunState.Succeeded, null), (run.State, run.Error));
        var problem = Assert.Single(run.Problems, p => p.Contains(steps.ContextId, StringComparison.Ordinal));
        Assert.Contains("the LMS did not give the roster", problem, StringComparison.Ordinal);
        Assert.Equal(503, steps.MembershipCalls()[^1].Status);
        // A node that never read this course serves the last roster the LMS gave, from the database.
        Assert.Equal(HttpStatusCode.OK, onSecond.Status);
        Assert.Contains("data-source=\"Lms\"", onSecond.Body, StringComparison.Ordinal);
        Assert.Equal(before.Order(), RosterSteps.Listed(onSecond.Body).Order());
        Assert.DoesNotContain(joined.Sub, RosterSteps.Listed(onSecond.Body));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/iam/")]
    [InlineData("https://10.1.2.3/nrps/memberships")]
    public async Task AMembershipsUrlInsideTheNetworkIsRefusedByTheOutboundPolicy(string hostile)
    {
        var steps = new RosterSteps(env);
        var url = hostile + "?" + steps.Marker;
        await steps.LaunchAsync(env.Platform.Designer, membershipsUrl: url);

        var run = await env.RunRostersJobAsync();

        Assert.Equal((JobRunState.Succeeded, null), (run.State, run.Error));
        var problem = Assert.Single(run.Problems, p => p.Contains(steps.ContextId, StringComparison.Ordinal));
        Assert.Contains("Blocked", problem, StringComparison.Ordinal);
        Assert.Equal(0, await env.Tool.WithDbAsync(db => db.CourseRosters.CountAsync(r => r.MembershipsUrl.Contains(steps.Marker))));
    }
}
