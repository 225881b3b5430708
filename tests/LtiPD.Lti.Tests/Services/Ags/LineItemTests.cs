using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Tests.Support;
using LtiPD.PlatformSimulator;

namespace LtiPD.Lti.Tests.Services.Ags;

public sealed class LineItemTests
{
    [Fact]
    public async Task ListingFollowsMoodlesCurlyQuotedNextLinksAcrossPages()
    {
        await using var env = await ServiceEnvironment.StartAsync(simulator: o => o.MoodleCurlyQuotesInLink = true);
        for (var i = 1; i <= 5; i++)
            Assert.True((await env.Ags.CreateLineItemAsync(env.Registration, env.Platform.LineItemsUrl,
                new LineItem { Label = $"Module {i}", ScoreMaximum = 10, ResourceId = $"module-{i}" }, default)).IsSuccess);
        env.Platform.Recorder.Clear();

        var listed = await env.Ags.ListLineItemsAsync(env.Registration, env.Platform.LineItemsUrl, new LineItemFilter(Limit: 2), default);

        Assert.True(listed.IsSuccess, listed.Outcome.ToString());
        Assert.Equal(["module-1", "module-2", "module-3", "module-4", "module-5"], listed.Value!.Select(i => i.ResourceId));
        var pages = env.Platform.Recorder.OfKind(RecordedCallKind.Ags).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, call => Assert.Equal(AgsMediaTypes.LineItemContainer, call.Headers["Accept"]));
        Assert.All(pages, call => Assert.Contains("type_id=1", call.PathAndQuery, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListingAsksThePlatformToFilterByResourceLinkResourceIdAndTag()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var url = env.Platform.LineItemsUrl;
        await env.Ags.CreateLineItemAsync(env.Registration, url, new LineItem { Label = "A", ScoreMaximum = 5, ResourceId = "a", Tag = "quiz", ResourceLinkId = "1" }, default);
        await env.Ags.CreateLineItemAsync(env.Registration, url, new LineItem { Label = "B", ScoreMaximum = 5, ResourceId = "b", Tag = "quiz" }, default);
        await env.Ags.CreateLineItemAsync(env.Registration, url, new LineItem { Label = "C", ScoreMaximum = 5, ResourceId = "c", Tag = "essay" }, default);

        var quizzes = await env.Ags.ListLineItemsAsync(env.Registration, url, new LineItemFilter(Tag: "quiz"), default);
        var ofLink = await env.Ags.ListLineItemsAsync(env.Registration, url, new LineItemFilter(ResourceLinkId: "1"), default);
        var c = await env.Ags.ListLineItemsAsync(env.Registration, url, new LineItemFilter(ResourceId: "c"), default);

        Assert.Equal(["A", "B"], quizzes.Value!.Select(i => i.Label));
        Assert.Equal("A", Assert.Single(ofLink.Value!).Label);
        var only = Assert.Single(c.Value!);
        Assert.Equal("C", only.Label);
        Assert.Null(only.ResourceLinkId);
    }

    [Fact]
    public async Task FindOrCreateCreatesOnceAndFindsTheSameLineItemAfterwards()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var template = new LineItem { Label = "Reflection", ScoreMaximum = 20, ResourceId = "reflection-1", Tag = "ltipd" };

        var first = await env.Ags.FindOrCreateLineItemAsync(env.Registration, env.Platform.LineItemsUrl, template, default);
        var second = await env.Ags.FindOrCreateLineItemAsync(env.Registration, env.Platform.LineItemsUrl, template, default);

        Assert.True(first.Value!.Created);
        Assert.False(second.Value!.Created);
        Assert.Equal(first.Value.Item.Id, second.Value.Item.Id);
        var stored = Assert.Single(env.Platform.LineItems);
        Assert.Equal(stored.Id, first.Value.Item.Id);
        Assert.Equal(("Reflection", 20.0, "reflection-1", "ltipd"), (stored.Label, stored.ScoreMaximum, stored.ResourceId, stored.Tag));
    }

    [Fact]
    public async Task FindingByResourceIdAndTagSkipsAColumnWithTheSameResourceIdButAnotherTag()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var url = env.Platform.LineItemsUrl;
        // A column someone added by hand may reuse an item's code as resourceId; only the one tagged ltipd is LtiPD's.
        env.Platform.AddLineItem("Hand-made", 10, resourceId: "lesson-plan", tag: "manual", resourceLinkId: null);
        var ours = env.Platform.AddLineItem("Lesson plan", 10, resourceId: "lesson-plan", tag: "ltipd", resourceLinkId: null);

        var tagged = await env.Ags.FindLineItemAsync(env.Registration, url, new LineItem { ResourceId = "lesson-plan", Tag = "ltipd" }, default);
        var none = await env.Ags.FindLineItemAsync(env.Registration, url, new LineItem { ResourceId = "lesson-plan", Tag = "other" }, default);

        Assert.Equal(ours.Id, tagged.Value!.Id);
        Assert.True(none.IsSuccess);
        Assert.Null(none.Value);
        Assert.Contains(env.Platform.Recorder.OfKind(RecordedCallKind.Ags), c => c.PathAndQuery.Contains("tag=ltipd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACreatedLineItemIsReadAndUpdatedAtTheUrlThePlatformGaveIt()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        var created = (await env.Ags.CreateLineItemAsync(env.Registration, env.Platform.LineItemsUrl,
            new LineItem { Label = "Portfolio", ScoreMaximum = 50, ResourceId = "portfolio", StartDateTime = start }, default)).Value!;

        var read = await env.Ags.GetLineItemAsync(env.Registration, created.Id!, default);
        var updated = await env.Ags.UpdateLineItemAsync(env.Registration, read.Value! with { Label = "Portfolio (final)", ScoreMaximum = 60 }, default);

        Assert.Equal(created, read.Value);
        Assert.Equal(start, read.Value!.StartDateTime);
        Assert.Equal("Portfolio (final)", updated.Value!.Label);
        var stored = Assert.Single(env.Platform.LineItems);
        Assert.Equal(("Portfolio (final)", 60.0), (stored.Label, stored.ScoreMaximum));
        var put = env.Platform.Recorder.OfKind(RecordedCallKind.Ags).Single(c => c.Method == "PUT");
        Assert.Equal(AgsMediaTypes.LineItem, put.Headers["Content-Type"]);
        Assert.EndsWith("/lineitem?type_id=1", put.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoodlesEmptyResourceIdAndTagAreReadAsAbsent()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        await env.Ags.CreateLineItemAsync(env.Registration, env.Platform.LineItemsUrl, new LineItem { Label = "Bare", ScoreMaximum = 1 }, default);

        var item = Assert.Single((await env.Ags.ListLineItemsAsync(env.Registration, env.Platform.LineItemsUrl, null, default)).Value!);

        Assert.Contains("\"resourceId\":\"\"", env.Platform.Recorder.OfKind(RecordedCallKind.Ags)[^1].ResponseBody, StringComparison.Ordinal);
        Assert.Null(item.ResourceId);
        Assert.Null(item.Tag);
    }
}
