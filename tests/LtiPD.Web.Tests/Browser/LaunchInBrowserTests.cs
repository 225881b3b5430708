using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>The simulator is served as "localhost" and the tool as 127.0.0.1: two sites, as an LMS and a tool are.</summary>
public sealed class CrossSiteEnvironment : LtiEnvironment
{
    protected override SimulatorOptions SimulatorOptions => new() { Host = "localhost" };
}

[Collection(BrowserCollection.Name)]
public sealed class LaunchInBrowserTests(BrowserFixture browser, CrossSiteEnvironment env) : IClassFixture<CrossSiteEnvironment>
{
    private const string ChromiumMissing = "Chromium is not installed (apt-get install chromium); .ci/run installs it.";

    [SkippableTheory]
    [InlineData("teacher", "teacher")]
    [InlineData("designer", "designer")]
    public async Task ALaunchFromTheSimulatorLandsOnThePageOfTheRole(string user, string expectedRole)
    {
        Skip.IfNot(BrowserFixture.Available, ChromiumMissing);
        await using var context = await browser.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(env.Platform.LaunchPageUrl(user).AbsoluteUri);

        var title = page.Locator($"#page-title[data-role='{expectedRole}']");
        await title.WaitForAsync(new() { Timeout = 15_000 });
        Assert.StartsWith(env.Tool.BaseUrl.AbsoluteUri + "s/", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"launch-{user}.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task ALaunchInsideTheLmsFrameSucceedsWithThirdPartyCookiesBlockedThroughPlatformStorage()
    {
        Skip.IfNot(BrowserFixture.Available, ChromiumMissing);
        await using var context = await browser.Browser!.NewContextAsync();
        var toolOrigin = env.Tool.BaseUrl.GetLeftPart(UriPartial.Authority);
        var cookiesOffered = 0;
        // The browser refuses every cookie the tool sets, as Safari or Chrome with third-party cookies blocked do in an LMS frame.
        await context.RouteAsync(url => url.StartsWith(toolOrigin, StringComparison.Ordinal), async route =>
        {
            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            var headers = response.Headers.Where(h => !h.Key.Equals("set-cookie", StringComparison.OrdinalIgnoreCase)).ToDictionary();
            if (headers.Count != response.Headers.Count)
                Interlocked.Increment(ref cookiesOffered);
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(env.Platform.LaunchPageUrl("teacher", presentation: LaunchPresentation.Iframe, storage: true).AbsoluteUri);

        var frame = page.FrameLocator("iframe[name='lti-tool-frame']");
        await frame.Locator("#page-title[data-role='teacher']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(cookiesOffered > 0, "the tool tried to set its state cookie, and the browser dropped it");
        Assert.Empty(await context.CookiesAsync([toolOrigin]));
        var received = await page.Locator("#received-messages").InnerTextAsync();
        Assert.Contains("lti.put_data", received, StringComparison.Ordinal);
        Assert.Contains("lti.get_data", received, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "launch-iframe-no-cookies.png"), FullPage = true });
    }
}
