using System.Collections.Concurrent;
using System.Net;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>
/// The Hangfire dashboard at /admin/jobs in Chromium, the way an administrator reaches it through the university's reverse
/// proxy: the tool believes 127.0.0.1 as its proxy, and every request says (X-Forwarded-For) it came from a remote address,
/// so a "local requests only" dashboard would refuse it. (The proxy's TLS leg is not played: with X-Forwarded-Proto https the
/// sign-in redirects are absolute https URLs, which only a real TLS-terminating proxy could answer here.) Signed in, the administrator sees the three recurring jobs and follows
/// the dashboard's own links with no failed request and no console error; signed out, the dashboard sends them to the sign-in.
/// Hangfire's own pages are not checked with axe: their markup is Hangfire's, not the tool's, and only administrators use them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsDashboardInBrowserTests(BrowserFixture browser) : IDisposable
{
    private static readonly Dictionary<string, string> BehindAProxy = new()
    {
        ["X-Forwarded-For"] = "203.0.113.7",
    };

    private readonly ToolFactory _tool = new(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string>
    {
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["Jobs:QueuePollInterval"] = "00:00:00.200",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        // Scheduled, so the dashboard lists them, but not due while the test runs.
        ["Jobs:HousekeepingCron"] = "0 0 1 1 *",
        ["Jobs:RostersCron"] = "0 0 1 1 *",
        ["Jobs:NightlyCron"] = "0 0 1 1 *",
    });

    public void Dispose() => _tool.Dispose();

    [SkippableFact]
    public async Task AnAdministratorBehindTheProxySeesTheRecurringJobsAndFollowsTheDashboardsLinksWithoutErrors()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        await RunHousekeepingToSuccessAsync();
        await using var context = await browser.Browser!.NewContextAsync(new() { ExtraHTTPHeaders = BehindAProxy });
        var page = await context.NewPageAsync();
        var failures = Watch(page);

        await page.GotoAsync(Url("admin/jobs"));
        Assert.EndsWith("/admin/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByLabel("Admin secret").FillAsync(ToolFactory.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/jobs");
        Assert.Contains("LtiPD jobs", await page.TitleAsync(), StringComparison.Ordinal);

        // The dashboard's own navigation, found by where it leads: its labels are Hangfire's and may change.
        await page.Locator("a[href='/admin/jobs/recurring']").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/jobs/recurring");
        var recurring = await page.Locator("table tbody tr").AllInnerTextsAsync();
        foreach (var job in new[] { "nightly", "housekeeping", "rosters" })
            Assert.Contains(recurring, row => row.Split('\t', ' ', '\n').Contains(job));

        await page.Locator("a[href='/admin/jobs/jobs/enqueued']").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/jobs/jobs/enqueued");
        await page.Locator("a[href='/admin/jobs/jobs/succeeded']").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/jobs/jobs/succeeded");
        Assert.Contains("housekeeping (full rebuild: False)", await page.Locator("table").First.InnerTextAsync(), StringComparison.Ordinal);
        // The dashboard polls its statistics in the background; give it a round so a failing poll shows.
        await page.WaitForTimeoutAsync(2500);

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures));
    }

    [SkippableFact]
    public async Task WithoutSignInTheDashboardSendsEvenARequestFromTheToolsOwnMachineToTheSignIn()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        // No forwarded headers: the request comes from 127.0.0.1, which Hangfire's default filter would let in.
        await using var context = await browser.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "admin/jobs", "admin/jobs/recurring", "admin/jobs/jobs/succeeded" })
        {
            var response = await page.GotoAsync(Url(path));
            Assert.Equal((int)HttpStatusCode.OK, response!.Status);
            Assert.Equal("/admin/login", new Uri(page.Url).AbsolutePath);
            Assert.DoesNotContain("LtiPD jobs", await page.ContentAsync(), StringComparison.Ordinal);
        }
        var stats = await context.APIRequest.PostAsync(Url("admin/jobs/stats"), new() { MaxRedirects = 0 });
        Assert.NotEqual((int)HttpStatusCode.OK, stats.Status);
    }

    private string Url(string path) => new Uri(_tool.BaseUrl, path).AbsoluteUri;

    /// <summary>Every response of 400 or more, console error and script error on the page, in words.</summary>
    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var failures = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                failures.Enqueue($"{response.Status} for {response.Request.Method} {response.Url}");
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                failures.Enqueue($"console: {message.Text}");
        };
        page.PageError += (_, error) => failures.Enqueue($"script error: {error}");
        return failures;
    }

    /// <summary>"Run now" for housekeeping on the admin page, so the dashboard has a succeeded job to list.</summary>
    private async Task RunHousekeepingToSuccessAsync()
    {
        using var admin = await AdminSession.SignInAsync(_tool.BaseUrl);
        using var posted = await AdminSession.PostFormAsync(admin, "admin?handler=RunJob", new() { ["job"] = "housekeeping" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!(await admin.GetStringAsync("admin/jobs/jobs/succeeded")).Contains("housekeeping (full rebuild: False)", StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the housekeeping job did not succeed within 30 s");
            await Task.Delay(200);
        }
    }
}
