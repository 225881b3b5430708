using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Lti;

/// <summary>A nonce is single-use in the database, so neither a restart nor a second node accepts a replay.</summary>
public sealed class NonceAcrossNodesTests : IAsyncLifetime
{
    private PlatformSimulatorHost _simulator = null!;
    private readonly string _database = TempFiles.NewDatabaseFile();

    public async Task InitializeAsync() => _simulator = await PlatformSimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task AReplayIsRefusedAfterTheToolRestarts()
    {
        string token, state;
        System.Net.CookieContainer cookies;
        await using (var first = new ToolFactory(_database))
        {
            await LtiEnvironment.RegisterAsync(first, _simulator.Platform);
            var driver = new LaunchDriver(first, _simulator.Platform);
            var login = await driver.StartLoginAsync();
            token = _simulator.Platform.SignIdToken(_simulator.Platform.DraftIdToken(_simulator.Platform.Teacher, login.Nonce));
            state = login.State;
            cookies = driver.Cookies;
            Assert.Equal(HttpStatusCode.Redirect, (await driver.PostLaunchAsync(token, state)).Status);
        }

        await using var restarted = new ToolFactory(_database);
        var replayDriver = new LaunchDriver(restarted, _simulator.Platform);
        foreach (System.Net.Cookie c in cookies.GetAllCookies())
            replayDriver.Cookies.Add(new Uri(restarted.BaseUrl, "lti/"), new System.Net.Cookie(c.Name, c.Value, "/lti"));

        var replay = await replayDriver.PostLaunchAsync(token, state);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("nonce_replayed", replay.ErrorCode);
    }

    [Fact]
    public async Task ASecondNodeOnTheSameDatabaseRefusesTheReplayAndTheFirstAcceptsOnce()
    {
        await using var nodeA = new ToolFactory(_database);
        await LtiEnvironment.RegisterAsync(nodeA, _simulator.Platform);
        await using var nodeB = new ToolFactory(_database);
        var driverA = new LaunchDriver(nodeA, _simulator.Platform);
        var login = await driverA.StartLoginAsync();
        var token = _simulator.Platform.SignIdToken(_simulator.Platform.DraftIdToken(_simulator.Platform.Teacher, login.Nonce));

        // Both nodes receive the same launch at once: exactly one may accept it.
        var driverB = new LaunchDriver(nodeB, _simulator.Platform);
        foreach (System.Net.Cookie c in driverA.Cookies.GetAllCookies())
            driverB.Cookies.Add(new Uri(nodeB.BaseUrl, "lti/"), new System.Net.Cookie(c.Name, c.Value, "/lti"));
        var outcomes = await Task.WhenAll(driverA.PostLaunchAsync(token, login.State), driverB.PostLaunchAsync(token, login.State));

        Assert.Single(outcomes, o => o.Status == HttpStatusCode.Redirect);
        var refused = Assert.Single(outcomes, o => o.Status == HttpStatusCode.BadRequest);
        Assert.Contains(refused.ErrorCode, new[] { "nonce_replayed", "state_mismatch" });
    }
}
