using LtiPD.Web.Tests.Features.Modules;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static LtiPD.Web.Tests.Features.Feedback.FeedbackSteps;

namespace LtiPD.Web.Tests.Features.Feedback;

/// <summary>
/// The feedback form and the designers' pages in Chromium at the width of an LMS iframe: the form is filled by its labels, and
/// no page scrolls sideways at 800 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedbackBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ATeacherAnswersByTheLabelsAndNoDesignPageOverflowsAn800PixelFrame()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        var env = new DesignEnvironment();
        await env.InitializeAsync();
        try
        {
            var course = NewCourse();
            var teachers = env.Platform.AddLearners(5);
            foreach (var teacher in teachers.Skip(1))
            {
                await CompleteAsync(env.Tool, env.Platform, teacher, course);
                using var answered = await AnswerAsync(env.Tool, await LaunchInAsync(env.Driver(), teacher, course), Module, "4", "3", "5", "A long comment " + new string('w', 300));
            }
            await CompleteAsync(env.Tool, env.Platform, teachers[0], course);
            var sid = await LaunchInAsync(env.Driver(), teachers[0], course);
            var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, course);
            await using var context = await browser.Browser!.NewContextAsync(new() { ViewportSize = new() { Width = 800, Height = 900 } });
            var page = await context.NewPageAsync();

            await page.GotoAsync(new Uri(env.Tool.BaseUrl, $"s/{sid}/modules/{Module}").AbsoluteUri);
            Assert.Equal(0, await OverflowAsync(page));
            await page.GetByRole(AriaRole.Group, new() { Name = "The module was useful to me." }).GetByLabel("5 — Strongly agree").CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "The module is relevant to my work." }).GetByLabel("4 — Agree").CheckAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "I would recommend the module to a colleague." }).GetByLabel("5 — Strongly agree").CheckAsync();
            await page.GetByLabel("Comment (optional)").FillAsync("Clear and practical.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
            await page.Locator("#feedback-saved").WaitForAsync(new() { Timeout = 30_000 });

            foreach (var path in new[] { "programmes", $"programmes/{Programme}/preview", "programmes/feedback" })
            {
                await page.GotoAsync(new Uri(env.Tool.BaseUrl, $"s/{designer}/{path}").AbsoluteUri);
                Assert.True(await OverflowAsync(page) == 0, $"/{path} scrolls sideways at 800 px.");
            }
            Assert.Contains("Clear and practical.", await page.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    /// <summary>How many pixels the page is wider than the viewport.</summary>
    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
}
