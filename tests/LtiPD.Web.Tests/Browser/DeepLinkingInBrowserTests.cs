using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>
/// The deep-linking round trip as a course designer lives it: the LMS's "select content" opens the picker, the designer picks the
/// self-assessment with a title and points, the browser carries the signed response back, and the platform places the link with
/// its gradebook column. A teacher who then opens that link lands on exactly that assessment; the same for a module.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeepLinkingInBrowserTests(BrowserFixture browser, LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string Instrument = "social-self-assessment";
    private const string Module = "reflective-practice";

    [SkippableFact]
    public async Task ADesignerAddsTheSelfAssessmentAndATeacherOpeningTheNewLinkLandsOnIt()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);

        var link = await PickAsync("self-assessment", $"choose-{Instrument}", Instrument, "Social competences: where I stand", 56, "deep-linking");

        Assert.Equal(Instrument, link.Custom["ltipd_instrument"]);
        await LaunchAsTeacherAsync(link, $"/s/[^/]+/assess/{Instrument}$", "deep-linking-teacher-launch", async launched =>
            await Assertions.Expect(launched.Locator("#page-title")).ToHaveTextAsync("Social competences: self-assessment"));
    }

    [SkippableFact]
    public async Task ADesignerAddsAModuleAndATeacherOpeningTheNewLinkLandsOnIt()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);

        var link = await PickAsync("reflective", $"choose-module-{Module}", $"module:{Module}", "Reflect on your teaching", 100, "deep-linking-module");

        Assert.Equal(Module, link.Custom["ltipd_module"]);
        Assert.False(link.Custom.ContainsKey("ltipd_instrument"));
        await LaunchAsTeacherAsync(link, $"/s/[^/]+/modules/{Module}$", "deep-linking-module-teacher-launch", async launched =>
        {
            await Assertions.Expect(launched.Locator("#page-title")).ToHaveTextAsync("Reflective practice and self-analysis");
            await Assertions.Expect(launched.Locator("#module-status")).ToHaveAttributeAsync("data-status", "open");
        });
    }

    /// <summary>
    /// The designer's side: "select content" in the LMS, search, choose one item, give it a title and points, add it; the
    /// platform places the link and its gradebook column. Returns the link.
    /// </summary>
    private async Task<SimResourceLink> PickAsync(string search, string chooseId, string choice, string title, int points, string screenshots)
    {
        var before = env.Platform.DeepLinkingResponses.Count;
        await using var designer = await browser.Browser!.NewContextAsync();
        var page = await designer.NewPageAsync();

        await page.GotoAsync(env.Platform.LaunchPageUrl("designer", LaunchKind.DeepLinking).AbsoluteUri);
        await page.Locator("#page-title[data-role='picker']").WaitForAsync(new() { Timeout = 45_000 });
        await page.GetByLabel("Search in titles and descriptions").FillAsync(search);
        await page.Locator("#filter-button").ClickAsync();
        await Assertions.Expect(page.Locator($"[id='{chooseId}']")).ToBeVisibleAsync();
        await page.Locator($"[id='{chooseId}']").CheckAsync();
        await page.Locator($"[id='title-{choice}']").FillAsync(title);
        await page.Locator($"[id='points-{choice}']").FillAsync(points.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{screenshots}-picker.png"), FullPage = true });
        await page.Locator("#add-button").ClickAsync();

        try
        {
            await page.WaitForURLAsync(env.Platform.DeepLinkingReturnUrl.AbsoluteUri, new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            // Keep what the browser shows, so a stall can be told apart from a refused response.
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{screenshots}-stalled.png"), FullPage = true });
            Assert.Fail($"The picker never returned to the LMS. The page is at {page.Url}:{Environment.NewLine}{await page.ContentAsync()}");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{screenshots}-returned.png"), FullPage = true });
        Assert.Equal(before + 1, env.Platform.DeepLinkingResponses.Count);
        var link = Assert.Single(env.Platform.DeepLinkingResponses[^1].CreatedLinks);
        Assert.Equal(title, link.Title);
        Assert.Contains(env.Platform.ResourceLinks, l => l.Id == link.Id);
        var column = Assert.Single(env.Platform.LineItems, l => l.ResourceLinkId == link.Id);
        Assert.Equal(points, column.ScoreMaximum);
        Assert.Equal(title, column.Label);
        Assert.Equal(choice.Replace("module:", "", StringComparison.Ordinal), column.ResourceId);
        Assert.Equal("ltipd", column.Tag);
        return link;
    }

    /// <summary>A teacher opens the new link from the course, lands on the page whose path matches, and sees what <paramref name="check"/> expects.</summary>
    private async Task LaunchAsTeacherAsync(SimResourceLink link, string landing, string screenshot, Func<IPage, Task> check)
    {
        await using var teacher = await browser.Browser!.NewContextAsync();
        var launched = await teacher.NewPageAsync();
        await launched.GotoAsync(env.Platform.LaunchPageUrl("teacher").AbsoluteUri + "&link=" + Uri.EscapeDataString(link.Id));
        await launched.WaitForURLAsync(new System.Text.RegularExpressions.Regex(landing), new() { Timeout = 45_000 });
        await check(launched);
        await launched.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{screenshot}.png"), FullPage = true });
    }
}
