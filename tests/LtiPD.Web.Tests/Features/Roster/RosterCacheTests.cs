using System.Net;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>The roster refreshes after a second in this environment, so a test can watch an entry go stale.</summary>
public sealed class QuickRosterEnvironment : LtiEnvironment
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string>? ToolSettings => new Dictionary<string, string>
    {
        ["Roster:RefreshInterval"] = Interval.ToString(),
    };
}

/// <summary>
/// The peer-feedback picker reads the course roster through the NRPS cache: once per refresh interval however many pages are
/// viewed, and from the people seen launching when the LMS has never answered.
/// </summary>
public sealed class RosterCacheTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>, IDisposable
{
    private readonly RosterSteps _steps = new(env);

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task TwoPageViewsWithinTheIntervalReadTheRosterOnce()
    {
        var teacher = await _steps.LaunchAsync(_steps.Learner(0));

        var first = await _steps.GetAsync($"s/{teacher}/home");
        var second = await _steps.GetAsync($"s/{teacher}/home");

        Assert.Single(_steps.MembershipCalls());
        Assert.Equal(RosterSteps.Offered(first.Body), RosterSteps.Offered(second.Body));
        Assert.Contains(_steps.Learner(5).Sub, RosterSteps.Offered(second.Body)); // from the LMS: Eli never launched
        Assert.DoesNotContain(_steps.Learner(0).Sub, RosterSteps.Offered(second.Body));
    }

    [Fact]
    public async Task ViewsThatArriveTogetherBeforeAnyRosterShareOneRead()
    {
        var teacher = await _steps.LaunchAsync(_steps.Learner(1));
        env.Platform.Faults.Latency = TimeSpan.FromMilliseconds(300);

        var pages = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _steps.GetAsync($"s/{teacher}/home")));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.All(pages, p => Assert.Contains(_steps.Learner(5).Sub, RosterSteps.Offered(p.Body)));
        Assert.Single(_steps.MembershipCalls());
    }

    [Fact]
    public async Task WhenTheLmsHasNeverAnsweredThePeopleWhoLaunchedAreOffered()
    {
        _steps.FailMemberships(503);
        var teacher = await _steps.LaunchAsync(_steps.Learner(2));
        await _steps.LaunchAsync(_steps.Learner(3));

        var home = await _steps.GetAsync($"s/{teacher}/home");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal([_steps.Learner(3).Sub], RosterSteps.Offered(home.Body));
        Assert.Equal(503, Assert.Single(_steps.MembershipCalls()).Status);
    }
}

/// <summary>A stale roster is served at once and read again once in the background; a failed read keeps the last good one.</summary>
public sealed class RosterRefreshTests(QuickRosterEnvironment env) : IClassFixture<QuickRosterEnvironment>, IDisposable
{
    private readonly RosterSteps _steps = new(env);

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task AfterTheIntervalTheRosterIsReadAgainOnce()
    {
        var teacher = await _steps.LaunchAsync(_steps.Learner(0));
        await _steps.GetAsync($"s/{teacher}/home");
        await Task.Delay(QuickRosterEnvironment.Interval + TimeSpan.FromMilliseconds(200));

        var stale = await _steps.GetAsync($"s/{teacher}/home");
        await _steps.WaitForCallsAsync(calls => calls.Count == 2);
        var fresh = await _steps.GetAsync($"s/{teacher}/home");

        Assert.Contains(_steps.Learner(5).Sub, RosterSteps.Offered(stale.Body));
        Assert.Contains(_steps.Learner(5).Sub, RosterSteps.Offered(fresh.Body));
        Assert.Equal(2, _steps.MembershipCalls().Count);
    }

    [Fact]
    public async Task AFailedRefreshKeepsTheLastGoodRoster()
    {
        var teacher = await _steps.LaunchAsync(_steps.Learner(1));
        var good = RosterSteps.Offered((await _steps.GetAsync($"s/{teacher}/home")).Body);
        _steps.FailMemberships(500);
        await Task.Delay(QuickRosterEnvironment.Interval + TimeSpan.FromMilliseconds(200));

        await _steps.GetAsync($"s/{teacher}/home");
        await _steps.WaitForCallsAsync(calls => calls.Count == 2);
        var afterFailure = await _steps.GetAsync($"s/{teacher}/home");

        Assert.Equal(500, _steps.MembershipCalls()[1].Status);
        Assert.Equal(HttpStatusCode.OK, afterFailure.Status);
        Assert.Equal(good, RosterSteps.Offered(afterFailure.Body));
        Assert.Contains(_steps.Learner(5).Sub, good);
    }
}
