using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>The simulator is served as "localhost" and the tool as 127.0.0.1: two sites, as an LMS and a tool are.</summary>
public sealed class CrossSiteEnvironment : LtiEnvironment
{
    protected override SimulatorOptions SimulatorOptions => new() { Host = "localhost" };
}

public static class BrowserSkip
{
    public const string ChromiumMissing = "Chromium is not installed (apt-get install chromium); .ci/run installs it.";
}

/// <summary>
/// A launch in the LMS window. The simulator and the tool share the host 127.0.0.1 here because over plain
/// http a cross-site form_post cannot carry the state cookie (SameSite=None needs Secure); in production
/// both are https and the cookie is SameSite=None; Secure. The cross-site case is the frame test below.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LaunchInBrowserTests(BrowserFixture browser, LtiEnvironment env) : IClassFixture<LtiEnvironment>
{

    [SkippableTheory]
    [InlineData("teacher", "teacher")]
    [InlineData("designer", "designer")]
    public async Task ALaunchFromTheSimulatorLandsOnThePageOfTheRole(string user, string expectedRole)
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        await using var context = await browser.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(env.Platform.LaunchPageUrl(user).AbsoluteUri);

        var title = page.Locator($"#page-title[data-role='{expectedRole}']");
        await title.WaitForAsync(new() { Timeout = 45_000 });
        Assert.StartsWith(env.Tool.BaseUrl.AbsoluteUri + "s/", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"launch-{user}.png"), FullPage = true });
    }
}

/// <summary>
/// The LMS page (localhost) frames the tool (127.0.0.1): a third party. Chromium runs with third-party
/// cookies blocked, so the tool's state cookie never comes back and only platform storage can finish the launch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LaunchInLmsFrameTests(BrowserFixture browser, CrossSiteEnvironment env) : IClassFixture<CrossSiteEnvironment>
{

    [SkippableFact]
    public async Task ALaunchInsideTheLmsFrameSucceedsWithThirdPartyCookiesBlockedThroughPlatformStorage()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        await using var context = await browser.Browser!.NewContextAsync();
        var toolOrigin = env.Tool.BaseUrl.GetLeftPart(UriPartial.Authority);
        var page = await context.NewPageAsync();

        await page.GotoAsync(env.Platform.LaunchPageUrl("teacher", presentation: LaunchPresentation.Iframe, storage: true).AbsoluteUri);

        var frame = page.FrameLocator("iframe[name='lti-tool-frame']");
        try
        {
            await frame.Locator("#page-title[data-role='teacher']").WaitForAsync(new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("The tool frame never showed the teacher page. Frame: " + await frame.Locator("body").InnerTextAsync()
                + " LMS page saw: " + await page.Locator("#received-messages").InnerTextAsync());
        }
        Assert.Empty(await context.CookiesAsync([toolOrigin]));
        var received = await page.Locator("#received-messages").InnerTextAsync();
        Assert.Contains("lti.put_data", received, StringComparison.Ordinal);
        Assert.Contains("lti.get_data", received, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "launch-iframe-no-cookies.png"), FullPage = true });
    }
}
