using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>
/// Every page a teacher, a course designer and an LMS administrator reach, in English, Russian and Kazakh, opened at
/// 800 px (an LMS frame): the page never scrolls sideways, chart text stays inside its picture at a readable size, and
/// axe-core finds no serious or critical WCAG 2.1 AA violation. The pages are found by following the links of the
/// home pages, so a page added later is walked without a change here.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EveryPageInTheFrameTests(BrowserFixture browser, LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const int FrameWidth = 800;
    private const double ReadablePixels = 11;
    private static readonly string[] Instruments = ["social-self-assessment", "pedagogy-and-subject-test", "teaching-situations", "lesson-plan"];
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Runs in the page: a sideways scroll of the document, and chart text that leaves its viewBox or renders smaller
    /// than <see cref="ReadablePixels"/> CSS pixels.
    /// </summary>
    private const string LayoutProblems = """
        (readable) => {
          const problems = [];
          const doc = document.documentElement;
          if (doc.scrollWidth > window.innerWidth) problems.push(`document is ${doc.scrollWidth} px wide in a ${window.innerWidth} px frame`);
          for (const svg of document.querySelectorAll('svg[viewBox]')) {
            const box = svg.viewBox.baseVal;
            const scale = svg.getBoundingClientRect().width / box.width;
            for (const text of svg.querySelectorAll('text')) {
              const b = text.getBBox();
              const words = text.textContent.trim();
              if (b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5)
                problems.push(`#${svg.id}: "${words}" is cut off (${Math.round(b.x)}..${Math.round(b.x + b.width)} of ${box.width})`);
              const size = parseFloat(getComputedStyle(text).fontSize) * scale;
              if (size < readable) problems.push(`#${svg.id}: "${words}" renders at ${size.toFixed(1)} px`);
            }
          }
          return problems;
        }
        """;

    [SkippableTheory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("kk")]
    public async Task EveryPageFitsAnEightHundredPixelFrameAndPassesTheAccessibilityCheck(string locale)
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        var course = "frame-" + locale;
        var teacher = await LaunchAsync(env.Platform.Teacher, course, locale);
        foreach (var instrument in Instruments)
            await SubmitEverythingAsync(teacher, instrument);
        // Something attached through Deep Linking, so the course page shows its list and the course's gradebook columns.
        await DeepLinkingRoundTrip.AttachAsync(env, draft => InCourse(draft, course, locale), Instruments[0], "Self-assessment", "28");
        var designer = await LaunchAsync(env.Platform.Designer, course, locale);

        await using var context = await browser.Browser!.NewContextAsync(new()
        {
            ViewportSize = new() { Width = FrameWidth, Height = 900 },
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        // The programmes page also after an import (its notice) and after a refused one (the problems table), states no link leads to.
        var pages = await WalkAsync(page, [$"/s/{teacher}/home", $"/s/{designer}/design", $"/s/{teacher}/result/no-such-attempt", "/no-such-page",
            $"/s/{designer}/programmes?imported=teaching-programming"], problems);
        await page.GotoAsync(new Uri(env.Tool.BaseUrl, $"s/{designer}/programmes").AbsoluteUri);
        await page.Locator("#document").FillAsync("""{ "format": "ltipd-programme/9", "code": "Not A Code" }""");
        await page.Locator("form:has(#document) button[type=submit]").ClickAsync();
        await page.Locator("#problems").WaitForAsync();
        await CheckAsync(page, $"/s/{designer}/programmes (a refused import)", problems);
        pages++;
        await RefuseTargetProfileAsync(page, designer, problems);
        pages++;
        await RefuseAnAnswerWhileSavingAsYouGoAsync(page, await LaunchAsync(env.Platform.AddLearners(1)[0], course, locale), locale, problems);
        pages++;

        await SignInAsAdministratorAsync(page);
        pages += await WalkAsync(page, ["/admin"], problems);
        await RefuseFrameworkFileAsync(page, problems);
        pages++;

        Assert.True(pages >= 15, $"Only {pages} pages were reached.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {pages} pages ({locale}):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    /// <summary>The target profiles page after a pasted document it refuses: its list of problems, in the reader's language.</summary>
    private async Task RefuseTargetProfileAsync(IPage page, string designer, List<string> problems)
    {
        await page.GotoAsync(new Uri(env.Tool.BaseUrl, $"s/{designer}/development/targets").AbsoluteUri);
        var form = page.Locator("form:has(textarea[id^='document-'])").First;
        await form.Locator("textarea").FillAsync("""{ "format": "ltipd-targets/9", "programme": "Not A Code" }""");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.Locator("#targets-problems").WaitForAsync();
        await CheckAsync(page, $"/s/{designer}/development/targets (a refused import)", problems);
    }

    /// <summary>
    /// An answer the server refuses while saving as you go (an option the item does not have, as a tampered page would send):
    /// the page says so in the session's language, without the item's internal code.
    /// </summary>
    private async Task RefuseAnAnswerWhileSavingAsYouGoAsync(IPage page, string session, string locale, List<string> problems)
    {
        await page.GotoAsync(new Uri(env.Tool.BaseUrl, $"s/{session}/assess/{Instruments[0]}").AbsoluteUri);
        var choice = page.Locator("fieldset.item input[type=radio]").First;
        var item = (await choice.GetAttributeAsync("name"))!["i.".Length..];
        await choice.EvaluateAsync("radio => { radio.value = '9'; }");
        await choice.CheckAsync();
        var failed = (await page.Locator("#assessment").GetAttributeAsync("data-failed"))!;
        var status = page.Locator("#save-status");
        // The script adds the server's sentence after its own; a failed request would say only its own.
        await Assertions.Expect(status).ToHaveTextAsync(new Regex(Regex.Escape(failed) + @"\s+\S"), new() { Timeout = 30_000 });
        var said = (await status.TextContentAsync())!;
        Assert.DoesNotContain(item, said, StringComparison.Ordinal);
        if (locale != "en")
            Assert.DoesNotMatch("[A-Za-z]{3,}", said);
        await CheckAsync(page, $"/s/{session}/assess/{Instruments[0]} (an answer refused while saving)", problems);
    }

    /// <summary>The administrators' frameworks page after a Moodle CSV file with a wrong header: the problems table.</summary>
    private async Task RefuseFrameworkFileAsync(IPage page, List<string> problems)
    {
        await page.GotoAsync(new Uri(env.Tool.BaseUrl, "admin/frameworks").AbsoluteUri);
        await page.Locator("#format").SelectOptionAsync("moodle-csv");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "framework.csv", MimeType = "text/csv", Buffer = "Parent,ID number,Short name\n"u8.ToArray() });
        await page.Locator("form:has(#file) button[type=submit]").ClickAsync();
        await page.Locator("#problems").WaitForAsync();
        await CheckAsync(page, "/admin/frameworks (a refused import)", problems);
    }

    /// <summary>Opens each start page and every same-site page they link to, once; returns how many pages were checked.</summary>
    private async Task<int> WalkAsync(IPage page, IReadOnlyList<string> starts, List<string> problems)
    {
        var origin = env.Tool.BaseUrl.GetLeftPart(UriPartial.Authority);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        while (queue.TryDequeue(out var path))
        {
            if (!seen.Add(path))
                continue;
            var response = await page.GotoAsync(origin + path);
            if (response is { Status: >= 500 })
                problems.Add($"{path}: HTTP {response.Status}");
            await CheckAsync(page, path, problems);
            foreach (var href in await page.Locator("a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                var target = href.Split('#')[0];
                if (target.Length > 0 && !seen.Contains(target) && IsPage(target))
                    queue.Enqueue(target);
            }
        }
        return seen.Count;
    }

    /// <summary>The page as it is now: no sideways scroll, readable chart text, no serious or critical axe violation.</summary>
    private static async Task CheckAsync(IPage page, string path, List<string> problems)
    {
        foreach (var problem in await page.EvaluateAsync<string[]>(LayoutProblems, ReadablePixels))
            problems.Add($"{path}: {problem}");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
            problems.Add($"{path}: axe {violation.Impact} {violation.Id}: {violation.Help} at {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}");
    }

    /// <summary>Pages, not downloads (a handed-in file, a framework or programme export, a credential, a CSV) nor the LMS's way out.</summary>
    private static bool IsPage(string path) =>
        !path.Contains("/file/", StringComparison.Ordinal) && !path.StartsWith("/admin/frameworks/", StringComparison.Ordinal)
        && !path.StartsWith("/static/", StringComparison.Ordinal) && !path.StartsWith("/lti/", StringComparison.Ordinal)
        && !path.EndsWith("/export", StringComparison.Ordinal) && !path.Contains("/export?", StringComparison.Ordinal)
        && !path.EndsWith(".jwt", StringComparison.Ordinal) && !path.EndsWith(".json", StringComparison.Ordinal)
        && !path.Contains("handler=Csv", StringComparison.Ordinal) && !path.Contains("handler=Export", StringComparison.Ordinal) && !path.StartsWith("/admin/jobs", StringComparison.Ordinal);

    private async Task SignInAsAdministratorAsync(IPage page)
    {
        await page.GotoAsync(new Uri(env.Tool.BaseUrl, "admin/login").AbsoluteUri);
        await page.Locator("input[type=password]").FillAsync(ToolFactory.AdminSecret);
        // The sign-in form is the page's own; the header holds the language switch, whose buttons are submit buttons too.
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin$"));
    }

    private async Task<string> LaunchAsync(SimUser user, string course, string locale)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft => InCourse(draft, course, locale));
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private static void InCourse(IdTokenDraft draft, string course, string locale)
    {
        var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
        context["id"] = course;
        context["title"] = "Course " + course;
        ((Dictionary<string, object?>)draft.Claims[Claims.LaunchPresentation]!)["locale"] = locale;
    }

    /// <summary>Answers every item of the instrument (the first option, or a sentence) and submits it, as a teacher would.</summary>
    private async Task SubmitEverythingAsync(string session, string instrument)
    {
        var (status, body) = await env.Driver().GetAsync($"s/{session}/assess/{instrument}");
        Assert.Equal(HttpStatusCode.OK, status);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match choice in Choice().Matches(body))
            fields.TryAdd(choice.Groups["name"].Value, choice.Groups["value"].Value);
        foreach (Match text in Text().Matches(body))
            fields.TryAdd(text.Groups["name"].Value, "Learning outcomes first, then the activities that reach them, then how each is checked.");
        fields["confirmed"] = "true";
        using var client = env.Tool.CreateRawClient();
        using var response = await client.PostAsync($"s/{session}/assess/{instrument}?handler=Submit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("""<input type="(?:radio|checkbox)" id="[^"]*" name="(?<name>i\.[^"]+)" value="(?<value>[^"]+)""")]
    private static partial Regex Choice();

    [GeneratedRegex("""<textarea id="[^"]*" name="(?<name>i\.[^"]+)""")]
    private static partial Regex Text();
}
