using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>
/// The steps of a two-node crash test (<see cref="ToolNode"/> processes on one <see cref="TestPostgresDatabase"/>): settings that
/// make a run many short-leased batches, "Run now" on the admin page, killing a node while it holds a batch, and waiting for the
/// run to end. Used by the housekeeping and the nightly job's crash tests.
/// </summary>
public static class TwoNodeRuns
{
    /// <summary>Tests that start several tool processes run one at a time: together they would starve each other's batches.</summary>
    public const string Collection = "two tool processes";

    /// <summary>Fast polling, a short lease, small batches, one worker per node and no schedule falling due during the test.</summary>
    public static Dictionary<string, string> NodeSettings(TestPostgresDatabase database, TimeSpan lease, int batchSize) => new(database.Settings)
    {
        ["Jobs:LeaseTimeout"] = lease.ToString(),
        ["Jobs:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:QueuePollInterval"] = "00:00:00.200",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        ["Jobs:WorkerCount"] = "1",
        ["Jobs:HousekeepingCron"] = "0 0 1 1 *",
        ["Jobs:RostersCron"] = "0 0 1 1 *",
        ["Jobs:NightlyCron"] = "0 0 1 1 *",
    };

    /// <summary>"Run now" (or "Full rebuild") on the node's admin page; answers the id of the run the job opened.</summary>
    public static async Task<long> TriggerAsync(ToolNode node, string job, bool full = false)
    {
        using var admin = await AdminSession.SignInAsync(node.BaseUrl);
        var form = new Dictionary<string, string> { ["job"] = job };
        if (full)
            form["full"] = "true";
        using var posted = await AdminSession.PostFormAsync(admin, "admin?handler=RunJob", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var page = await admin.GetStringAsync("admin");
            var match = Regex.Match(page, $"<table id=\"runs-{job}\">.*?data-run-id=\"(\\d+)\"", RegexOptions.Singleline);
            if (match.Success)
                return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"no run of {job} appeared within 30 s\n{node.Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the node the moment it holds a batch (after some batches are done); answers the batches it held.</summary>
    public static async Task<List<int>> KillWhileItHoldsABatchAsync(ToolNode node, TestPostgresDatabase database, long runId)
    {
        var owner = $"%/{node.ProcessId}/%";
        await using var db = database.CreateContext();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var done = await db.JobBatches.CountAsync(b => b.RunId == runId && b.State == JobBatchState.Done);
            if (done >= 5 && (await HeldAsync(db, runId, owner)).Count > 0)
            {
                // Frozen, the node can no longer finish the batch between this look and the kill (a fast batch did once, and the
                // node was killed holding none). What it sent before it froze (a batch's COMMIT) may still reach the server, so the
                // batches it holds are read until two looks half a second apart agree (a full .ci/run once saw a batch finish
                // after the look).
                Signal(node.ProcessId, SigStop);
                var held = await HeldAsync(db, runId, owner);
                for (var look = 0; look < 10; look++)
                {
                    var again = await HeldAsync(db, runId, owner, TimeSpan.FromMilliseconds(500));
                    if (again.SequenceEqual(held))
                        break;
                    held = again;
                }
                if (held.Count > 0)
                {
                    node.Kill();
                    return held;
                }
                Signal(node.ProcessId, SigCont);
            }
            var run = await db.JobRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.State, r.Error }).SingleAsync();
            Assert.False(run.State is JobRunState.Failed or JobRunState.Succeeded, $"run {runId} ended ({run.State}: {run.Error}) before node {node.ProcessId} could be killed holding a batch");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"node {node.ProcessId} held no batch of run {runId} within 60 s\n{node.Tail()}");
        }
    }

    private static async Task<List<int>> HeldAsync(Data.LtiPdDbContext db, long runId, string owner, TimeSpan wait = default)
    {
        await Task.Delay(wait);
        return await db.JobBatches.AsNoTracking()
            .Where(b => b.RunId == runId && b.State == JobBatchState.Running && EF.Functions.Like(b.LeaseOwner!, owner))
            .OrderBy(b => b.Index).Select(b => b.Index).ToListAsync();
    }

    private const int SigCont = 18, SigStop = 19; // Linux

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static void Signal(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
            throw new InvalidOperationException($"Signal {signal} to process {pid} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
    }

    public static async Task<JobRunEntity> WaitForRunAsync(TestPostgresDatabase database, long runId, TimeSpan limit, ToolNode node)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var db = database.CreateContext();
            var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (run.State is JobRunState.Succeeded or JobRunState.Failed)
                return run;
            Assert.True(watch.Elapsed < limit, $"run {runId} was still {run.State} after {limit}\n{node.Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits until Hangfire's queue on the database is empty: every job is done, including the killed node's own job, which
    /// Hangfire hands to another node once its invisibility timeout (the lease) lapses and which may open a run of its own.
    /// </summary>
    public static async Task WaitForQueueToEmptyAsync(TestPostgresDatabase database, TimeSpan limit, ToolNode node)
    {
        await using var db = database.CreateContext();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var queued = await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{JobsServices.PostgreSqlSchema}\".jobqueue").SingleAsync();
            if (queued == 0)
                return;
            Assert.True(watch.Elapsed < limit, $"{queued} Hangfire jobs were still queued after {limit}\n{node.Tail()}");
            await Task.Delay(200);
        }
    }
}
