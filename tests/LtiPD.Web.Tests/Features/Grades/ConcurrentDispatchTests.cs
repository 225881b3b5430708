using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>No dispatcher runs by itself here: the test drives two nodes' dispatchers by hand.</summary>
public sealed class ManualDispatchEnvironment : LtiEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string> { ["Grades:DispatcherEnabled"] = "false" };

    protected override IReadOnlyDictionary<string, string>? ToolSettings => Settings;
}

public sealed class ConcurrentDispatchTests(ManualDispatchEnvironment env) : IClassFixture<ManualDispatchEnvironment>
{
    [Fact]
    public async Task TwoNodesDispatchingAtOnceSendEachGradeOnce()
    {
        // A slow LMS keeps the first node's call in flight while the second node looks at the same rows.
        env.Platform.Faults.Latency = TimeSpan.FromMilliseconds(300);
        await using var secondNode = new ToolFactory(env.Tool.DatabaseFile, "Production", ManualDispatchEnvironment.Settings);
        var learners = env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).Take(3).ToList();
        foreach (var learner in learners)
            await SubmitAsync(learner);

        var first = env.Tool.Services.GetRequiredService<GradeDispatcher>();
        var second = secondNode.Services.GetRequiredService<GradeDispatcher>();
        await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None), first.RunOnceAsync(CancellationToken.None));
        await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));

        foreach (var learner in learners)
            Assert.Single(env.Platform.Scores, s => s.UserId == learner.Sub);
        Assert.Equal(3, await env.Tool.WithDbAsync(db => db.GradeDeliveries.CountAsync(g => g.Status == (int)DeliveryStatus.Sent && g.Tries == 1)));
    }

    private async Task SubmitAsync(LtiPD.PlatformSimulator.SimUser user)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft => Claims.LinkTo(draft, "social-self-assessment"));
        var session = outcome.SessionId!;
        var page = await env.Driver().GetAsync($"s/{session}/assess/social-self-assessment");
        var items = Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value);
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{session}/assess/social-self-assessment?handler=Submit",
            new FormUrlEncodedContent(items.Select(i => KeyValuePair.Create($"i.{i}", "3"))));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
    }
}
