using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>
/// A teacher takes the self-assessment inside the LMS frame (tool cross-site, third-party cookies blocked):
/// half the answers, the browser closed without pressing Save, a new launch later finds every answer; the
/// rest, submit, and the result with its levels and both charts. Screenshots go to the test artifacts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssessmentInBrowserTests(BrowserFixture browser, CrossSiteEnvironment env) : IClassFixture<CrossSiteEnvironment>
{
    private const string Instrument = "social-self-assessment";
    private const string Situations = "teaching-situations";

    [SkippableFact]
    public async Task ATeacherLeavesHalfwayComesBackFindsEveryAnswerSubmitsAndSeesTheResult()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        int half;
        int total;
        await using (var first = await browser.Browser!.NewContextAsync())
        {
            var tool = await LaunchInFrameAsync(first, "teacher");
            await tool.Locator($"[data-instrument='{Instrument}'] a.button").ClickAsync();
            var items = tool.Locator("fieldset.item");
            await items.First.WaitForAsync();
            total = await items.CountAsync();
            half = total / 2;
            for (var n = 0; n < half; n++)
                await items.Nth(n).Locator("input[value='4']").CheckAsync();
            // Each answer is saved as it is given: wait until the server has counted them all, then
            // close the browser without pressing Save.
            await Assertions.Expect(tool.Locator("#answered-count")).ToHaveTextAsync($"{half} of {total} answered", new() { Timeout = 45_000 });
            await Assertions.Expect(tool.Locator("#save-status")).ToContainTextAsync("Saved");
        }

        await using var second = await browser.Browser!.NewContextAsync();
        var again = await LaunchInFrameAsync(second, "teacher");
        await Assertions.Expect(again.Locator($"[data-instrument='{Instrument}']")).ToContainTextAsync($"{half} of {total} answered");
        await again.Locator($"[data-instrument='{Instrument}'] a.button").ClickAsync();
        var resumed = again.Locator("fieldset.item");
        await resumed.First.WaitForAsync();
        for (var n = 0; n < total; n++)
        {
            var agree = resumed.Nth(n).Locator("input[value='4']");
            if (n < half)
                Assert.True(await agree.IsCheckedAsync(), $"answer {n + 1} was lost");
            else
                await resumed.Nth(n).Locator(n % 3 == 0 ? "input[value='2']" : "input[value='5']").CheckAsync();
        }
        await Screenshot(second, "assessment-resumed.png");
        await again.Locator("#submit").ClickAsync();

        await again.Locator("#levels").WaitForAsync(new() { Timeout = 45_000 });
        Assert.Equal(7, await again.Locator("#levels tbody tr").CountAsync());
        await Assertions.Expect(again.Locator("#radar-figure svg")).ToBeVisibleAsync();
        await Assertions.Expect(again.Locator("#next-steps li").First).ToBeVisibleAsync();
        await Screenshot(second, "assessment-result.png");
        await again.Locator(".charts").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "assessment-result-charts.png") });
        // The pyramid combines every attempt, so it lives on the profile page the result links to.
        await again.Locator("#profile-link").ClickAsync();
        await Assertions.Expect(again.Locator("#pyramid-figure svg")).ToBeVisibleAsync(new() { Timeout = 45_000 });
    }

    [SkippableFact]
    public async Task ATeacherSubmitsAPartlyAnsweredAssessmentIsAskedGoesBackAnswersAndSubmits()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        var learner = env.Platform.AddLearners(1)[0];
        await using var context = await browser.Browser!.NewContextAsync();
        var tool = await LaunchInFrameAsync(context, learner.Sub);
        await tool.Locator($"[data-instrument='{Situations}'] a.button").ClickAsync();
        var items = tool.Locator("fieldset.item");
        await items.First.WaitForAsync();
        var total = await items.CountAsync();
        for (var n = 0; n < 2; n++)
            await items.Nth(n).Locator("input[type='radio']").First.CheckAsync();

        await tool.Locator("#submit").ClickAsync();

        var confirm = tool.Locator("#confirm-submit");
        await Assertions.Expect(confirm).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(confirm.Locator("h2")).ToHaveTextAsync($"{total - 2} of {total} questions are unanswered");
        await Assertions.Expect(tool.Locator("#unanswered-items li")).ToHaveCountAsync(total - 2);
        await Assertions.Expect(tool.Locator("#unanswered-items li").First).ToContainTextAsync("3.");
        await Screenshot(context, "assessment-confirm-unanswered.png");

        await tool.Locator("#go-back").ClickAsync();

        await Assertions.Expect(tool.Locator("#confirm-submit")).ToHaveCountAsync(0, new() { Timeout = 45_000 });
        var resumed = tool.Locator("fieldset.item");
        await resumed.First.WaitForAsync();
        for (var n = 0; n < total; n++)
        {
            var first = resumed.Nth(n).Locator("input[type='radio']").First;
            if (n < 2)
                Assert.True(await first.IsCheckedAsync(), $"answer {n + 1} was lost on the way back");
            else
                await first.CheckAsync();
        }
        await tool.Locator("#submit").ClickAsync();

        await tool.Locator("#levels").WaitForAsync(new() { Timeout = 45_000 });
        Assert.Equal(0, await tool.Locator("#not-enough-evidence").CountAsync());
        await Assertions.Expect(tool.Locator("#grade")).ToContainTextAsync($"of {total}");
        await Screenshot(context, "assessment-submitted-after-going-back.png");
    }

    [SkippableFact]
    public async Task AnotherTeacherStartsFromAnEmptyAttemptAndALearnerCannotOpenDesignerPages()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        await using (var first = await browser.Browser!.NewContextAsync())
        {
            var tool = await LaunchInFrameAsync(first, "teacher");
            await tool.Locator($"[data-instrument='{Situations}'] a.button").ClickAsync();
            await tool.Locator("fieldset.item").First.Locator("input[type='radio']").First.CheckAsync();
            await Assertions.Expect(tool.Locator("#answered-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1 of "), new() { Timeout = 45_000 });
        }

        var colleague = env.Platform.Users.First(u => u.Sub != env.Platform.Teacher.Sub && u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal)));
        await using var context = await browser.Browser!.NewContextAsync();
        var other = await LaunchInFrameAsync(context, colleague.Sub);
        await other.Locator($"[data-instrument='{Situations}'] a.button").ClickAsync();
        await Assertions.Expect(other.Locator("#answered-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 of "));
        Assert.Equal(0, await other.Locator("fieldset.item input:checked").CountAsync());

        var page = context.Pages[^1];
        var frameUrl = page.Frames.Single(f => f.Name == "lti-tool-frame").Url;
        var designer = new Uri(frameUrl).GetLeftPart(UriPartial.Path).Split("/assess/")[0] + "/design";
        var response = await page.GotoAsync(designer);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("#error-code")).ToHaveTextAsync("role_forbidden");
    }

    [SkippableFact]
    public async Task ThePracticalTaskCountsTheCharactersOfTheTextAgainstItsLimit()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        var learner = env.Platform.AddLearners(1)[0];
        await using var context = await browser.Browser!.NewContextAsync();
        var tool = await LaunchInFrameAsync(context, learner.Sub);
        await tool.Locator("[data-instrument='lesson-plan'] a.button").ClickAsync();
        var text = tool.Locator("textarea[maxlength]").First;

        await text.PressSequentiallyAsync("Outcomes");

        await Assertions.Expect(tool.Locator("[data-counter-for]").First).ToHaveTextAsync("8 of 20,000 characters used.");
        Assert.Equal("20000", await text.GetAttributeAsync("maxlength"));
        await Assertions.Expect(tool.Locator("#save-status")).ToContainTextAsync("Saved", new() { Timeout = 45_000 });
    }

    /// <summary>
    /// Opens the LMS course page, which frames the tool, and waits for the teacher page. Now and then Playwright
    /// loses track of the frame after its cross-site navigations (LMS → tool → LMS /auth → tool, each a process
    /// swap under site isolation): the screenshot then shows the teacher page in the frame while the frame's
    /// recorded address is still the LMS's /auth. Such a launch is retried once in a fresh page, with the record
    /// (screenshot, LMS page, frame addresses) kept as an artifact; a launch that fails twice fails the test.
    /// </summary>
    private async Task<IFrameLocator> LaunchInFrameAsync(IBrowserContext context, string user)
    {
        string? firstAttempt = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(env.Platform.LaunchPageUrl(user, presentation: LaunchPresentation.Iframe, storage: true).AbsoluteUri);
            var frame = page.FrameLocator("iframe[name='lti-tool-frame']");
            try
            {
                await frame.Locator("#page-title[data-role='teacher']").WaitForAsync(new() { Timeout = 45_000 });
                return frame;
            }
            catch (TimeoutException)
            {
                var name = $"stalled-launch-{user}-{attempt}";
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });
                var record = $"frames: {string.Join(", ", page.Frames.Select(f => $"{f.Name}={f.Url}"))}{Environment.NewLine}{await page.ContentAsync()}";
                await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".html"), record);
                if (firstAttempt is not null)
                    Assert.Fail($"The launch of {user} never reached the teacher page, twice. First: {firstAttempt}{Environment.NewLine}Second: {record}");
                firstAttempt = record;
                await page.CloseAsync();
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    private static Task Screenshot(IBrowserContext context, string name) =>
        context.Pages[^1].ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name), FullPage = true });
}
