using System.Net;
using LtiPD.Web.Features.Lti;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Lti;

/// <summary>
/// The page a launch lands on is served from the session the launch just created, without reading it back; a session so kept
/// still ends with its platform: at once when the platform is removed on the same node, within the registrations' bound when
/// it is removed on another.
/// </summary>
public sealed class RecentSessionsTests : IAsyncLifetime
{
    // Each test removes its platform: each gets a tool and a platform of its own (xUnit makes a new instance per test).
    private readonly LtiEnvironment env = new();

    public Task InitializeAsync() => env.InitializeAsync();

    public Task DisposeAsync() => env.DisposeAsync();

    [Fact]
    public async Task RemovingAPlatformEndsTheSessionALaunchIsLandingOnAtOnce()
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Teacher);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);

        await RemoveAsync(env.Tool);
        var (status, body) = await env.Driver().GetAsync(outcome.Location!);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("id=\"error-code\">session_invalid<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlatformRemovedOnAnotherNodeEndsItsSessionsHereWithinTheRegistrationsBound()
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Teacher);
        Assert.Equal(HttpStatusCode.OK, (await env.Driver().GetAsync(outcome.Location!)).Status);

        await using (var other = new ToolFactory(env.Tool.DatabaseFile))
            await RemoveAsync(other);
        await Task.Delay(RecentSessions.Trust + TimeSpan.FromMilliseconds(200));
        var (status, _) = await env.Driver().GetAsync(outcome.Location!);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private async Task RemoveAsync(ToolFactory node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<PlatformCatalog>()
            .RemoveAsync(env.Platform.Issuer, env.Platform.ClientId, CancellationToken.None));
    }
}
