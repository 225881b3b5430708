using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Data.Entities;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Jobs;

/// <summary>The Jobs section of /admin and the Hangfire dashboard at /admin/jobs, on a tool with a fast-polling job server.</summary>
public sealed class JobsAdminTests : IDisposable
{
    private readonly ToolFactory _tool = new(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string>
    {
        ["Jobs:QueuePollInterval"] = "00:00:00.200",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        // Only the runs a test starts: no schedule falls due while it runs.
        ["Jobs:HousekeepingCron"] = "0 0 1 1 *",
    });

    [Fact]
    public async Task RunNowQueuesTheJobAndTheAdminPageShowsItsRun()
    {
        var now = DateTimeOffset.UtcNow;
        await _tool.WithDbAsync(db =>
        {
            db.UsedNonces.Add(new UsedNonceEntity { Issuer = "https://lms.example.edu", Value = "expired", KeepUntil = now.AddMinutes(-1) });
            db.UsedNonces.Add(new UsedNonceEntity { Issuer = "https://lms.example.edu", Value = "fresh", KeepUntil = now.AddMinutes(10) });
            return db.SaveChangesAsync();
        });
        using var client = await SignedInClientAsync();
        Assert.Contains("id=\"no-runs-housekeeping\"", await client.GetStringAsync("admin"), StringComparison.Ordinal);

        using var run = await AdminSession.PostFormAsync(client, "admin?handler=RunJob", new() { ["job"] = "housekeeping" });

        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Equal("/admin#jobs-title", run.Headers.Location!.OriginalString);
        Assert.Contains("id=\"notice\">Job housekeeping is queued", await client.GetStringAsync("admin"), StringComparison.Ordinal);
        var page = await WaitForAsync(client, "data-state=\"Succeeded\"");
        var row = Regex.Match(page, "<tr data-run-id=\"\\d+\" data-state=\"Succeeded\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["Succeeded", "1", "1", "1 / 1"], Regex.Matches(row, "<td>([^<]*)</td>").Skip(1).Where((_, i) => i != 1).Select(m => m.Groups[1].Value));
        Assert.Equal(["fresh"], await _tool.WithDbAsync(db => Task.FromResult(db.UsedNonces.Select(n => n.Value).ToList())));
    }

    [Fact]
    public async Task RunNowForANameNoJobHasSaysSoAndRunsNothing()
    {
        using var client = await SignedInClientAsync();

        using var run = await AdminSession.PostFormAsync(client, "admin?handler=RunJob", new() { ["job"] = "format-disk" });

        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Contains("There is no job named format-disk to run here.", await client.GetStringAsync("admin"), StringComparison.Ordinal);
        Assert.Equal(0, await _tool.WithDbAsync(db => Task.FromResult(db.JobRuns.Count())));
    }

    [Fact]
    public async Task TheDashboardSendsAnAnonymousVisitorToTheAdminSignIn()
    {
        using var client = _tool.CreateRawClient();

        using var page = await client.GetAsync("admin/jobs");
        using var api = await client.GetAsync("admin/jobs/stats");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/admin/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, api.StatusCode);
        Assert.DoesNotContain("Hangfire", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardIsServedToASignedInAdministratorWithEveryRecurringJob()
    {
        using var client = await SignedInClientAsync();

        using var page = await client.GetAsync("admin/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("LtiPD jobs", body, StringComparison.Ordinal);
        Assert.Contains("housekeeping", body, StringComparison.Ordinal);
        Assert.Contains("rosters", body, StringComparison.Ordinal);
        Assert.Contains(">nightly<", body, StringComparison.Ordinal);
    }

    public void Dispose() => _tool.Dispose();

    private Task<HttpClient> SignedInClientAsync() => AdminSession.SignInAsync(_tool.BaseUrl);

    private static async Task<string> WaitForAsync(HttpClient client, string text)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var page = await client.GetStringAsync("admin");
            if (page.Contains(text, StringComparison.Ordinal) || watch.Elapsed > TimeSpan.FromSeconds(30))
                return page;
            await Task.Delay(200);
        }
    }
}
