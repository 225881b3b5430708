using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LtiPD.Domain.Content;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>
/// A Russian-speaking teacher's route and trajectories in Chromium inside an 800 px LMS frame: the situation form is filled by its
/// labels, the route is reordered with its buttons, and the page never scrolls sideways, draws chart text too small to read, or
/// fails the accessibility check (axe-core, WCAG 2.1 AA, no serious or critical violation).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DevelopmentInBrowserTests(BrowserFixture browser)
{
    private const int FrameWidth = 800;

    [SkippableFact]
    public async Task ARussianTeacherStatesTheirStageReordersTheRouteAndReadsTheirTrajectoriesInAnEightHundredPixelFrame()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        var env = new LtiEnvironment();
        await env.InitializeAsync();
        try
        {
            var user = env.Platform.AddLearners(1)[0];
            var outcome = await env.Driver().LaunchAsync(user, draft =>
                ((Dictionary<string, object?>)draft.Claims[Claims.LaunchPresentation]!)["locale"] = "ru");
            Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
            var sid = outcome.SessionId!;
            foreach (var code in new[] { "social-self-assessment", "pedagogy-and-subject-test" })
                await SubmitAllAsync(env, sid, code);

            await using var context = await browser.Browser!.NewContextAsync(new() { ViewportSize = new() { Width = FrameWidth, Height = 900 }, Locale = "ru" });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(env.Tool.BaseUrl, $"s/{sid}/development").AbsoluteUri);
            Assert.Equal("Моё развитие", (await page.Locator("h1").TextContentAsync())?.Trim());
            await page.GetByRole(AriaRole.Link, new() { Name = "Указать свою ситуацию" }).ClickAsync();

            await page.GetByLabel("Стаж преподавания в вузе (лет)").FillAsync("2");
            await page.GetByLabel("повышение квалификации").CheckAsync();
            await page.GetByLabel("Сколько часов в неделю я могу уделять (необязательно)").FillAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
            await page.Locator("#stage").WaitForAsync();
            Assert.Contains("начало карьеры", await page.Locator("#stage").TextContentAsync(), StringComparison.Ordinal);

            var steps = page.Locator("li.route-step[data-state='Next'], li.route-step[data-state='Planned']");
            Assert.True(await steps.CountAsync() >= 2);
            var first = await steps.Nth(0).GetAttributeAsync("data-module");
            var second = await steps.Nth(1).GetAttributeAsync("data-module");
            await steps.Nth(0).GetByRole(AriaRole.Button, new() { NameRegex = new("^Позже: ") }).ClickAsync();
            await page.WaitForLoadStateAsync();
            Assert.Equal(second, await steps.Nth(0).GetAttributeAsync("data-module"));
            Assert.Equal(first, await steps.Nth(1).GetAttributeAsync("data-module"));

            Assert.True(await page.Locator("figure.trajectory svg").CountAsync() > 0);
            var problems = await page.EvaluateAsync<string[]>("""
                () => {
                  const problems = [];
                  if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page is ${document.documentElement.scrollWidth} px wide`);
                  for (const svg of document.querySelectorAll('figure.trajectory svg')) {
                    const box = svg.viewBox.baseVal;
                    const scale = svg.getBoundingClientRect().width / box.width;
                    for (const text of svg.querySelectorAll('text')) {
                      const b = text.getBBox();
                      if (b.x < -0.5 || b.x + b.width > box.width + 0.5 || b.y < -0.5 || b.y + b.height > box.height + 0.5) problems.push(`"${text.textContent}" is cut off`);
                      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
                      if (size < 11) problems.push(`"${text.textContent}" renders at ${size.toFixed(1)} px`);
                    }
                  }
                  return problems;
                }
                """);
            Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems));
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
            Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    private static async Task SubmitAllAsync(LtiEnvironment env, string sid, string code)
    {
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        var answers = InstrumentDocument.Parse(document).Value!.Items
            .Select(item => KeyValuePair.Create($"i.{item.Code}", item.Options.Count == 0 ? "3" : item.Options.MaxBy(o => o.Score)!.Code))
            .Append(KeyValuePair.Create("confirmed", "true")).ToList();
        using var client = env.Tool.CreateRawClient();
        using var submitted = await client.PostAsync($"s/{sid}/assess/{code}?handler=Submit", new FormUrlEncodedContent(answers));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }
}
