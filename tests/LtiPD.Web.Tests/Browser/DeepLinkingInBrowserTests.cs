using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>
/// The deep-linking round trip as a course designer lives it: the LMS's "select content" opens the picker, the designer picks the
/// self-assessment with a title and points, the browser carries the signed response back, and the platform places the link with
/// its gradebook column. A teacher who then opens that link lands on exactly that assessment.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeepLinkingInBrowserTests(BrowserFixture browser, LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string Instrument = "social-self-assessment";

    [SkippableFact]
    public async Task ADesignerAddsTheSelfAssessmentAndATeacherOpeningTheNewLinkLandsOnIt()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        var before = env.Platform.DeepLinkingResponses.Count;
        await using var designer = await browser.Browser!.NewContextAsync();
        var page = await designer.NewPageAsync();

        await page.GotoAsync(env.Platform.LaunchPageUrl("designer", LaunchKind.DeepLinking).AbsoluteUri);
        await page.Locator("#page-title[data-role='picker']").WaitForAsync(new() { Timeout = 45_000 });
        await page.GetByLabel("Search in titles and descriptions").FillAsync("self-assessment");
        await page.Locator("#filter-button").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-instrument='{Instrument}']")).ToBeVisibleAsync();
        await page.Locator($"#choose-{Instrument}").CheckAsync();
        await page.Locator($"#title-{Instrument}").FillAsync("Social competences: where I stand");
        await page.Locator($"#points-{Instrument}").FillAsync("56");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "deep-linking-picker.png"), FullPage = true });
        await page.Locator("#add-button").ClickAsync();

        await page.WaitForURLAsync(env.Platform.DeepLinkingReturnUrl.AbsoluteUri, new() { Timeout = 45_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "deep-linking-returned.png"), FullPage = true });
        Assert.Equal(before + 1, env.Platform.DeepLinkingResponses.Count);
        var link = Assert.Single(env.Platform.DeepLinkingResponses[^1].CreatedLinks);
        Assert.Equal("Social competences: where I stand", link.Title);
        Assert.Equal(Instrument, link.Custom["ltipd_instrument"]);
        Assert.Contains(env.Platform.ResourceLinks, l => l.Id == link.Id);
        var column = Assert.Single(env.Platform.LineItems, l => l.ResourceLinkId == link.Id);
        Assert.Equal(56, column.ScoreMaximum);
        Assert.Equal("Social competences: where I stand", column.Label);
        Assert.Equal(Instrument, column.ResourceId);
        Assert.Equal("ltipd", column.Tag);

        await using var teacher = await browser.Browser!.NewContextAsync();
        var launched = await teacher.NewPageAsync();
        await launched.GotoAsync(env.Platform.LaunchPageUrl("teacher").AbsoluteUri + "&link=" + Uri.EscapeDataString(link.Id));
        await launched.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/s/[^/]+/assess/{Instrument}$"), new() { Timeout = 45_000 });
        await Assertions.Expect(launched.Locator("#page-title")).ToHaveTextAsync("Social competences: self-assessment");
        await launched.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "deep-linking-teacher-launch.png"), FullPage = true });
    }
}
