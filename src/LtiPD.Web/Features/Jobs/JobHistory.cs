using System.Text.Json;
using Hangfire;
using LtiPD.Data;
using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Jobs;

/// <summary>A run as the admin page shows it; <paramref name="Problems"/> are the per-key sentences its batches kept.</summary>
public sealed record JobRunSummary(
    long Id, string Job, bool Full, JobRunState State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int PlannedItems, int ItemsChanged, int Batches, int BatchesDone, string? Error, IReadOnlyList<string> Problems)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>The registered jobs and their last runs, and "Run now", for the admin page.</summary>
public sealed class JobHistory(LtiPdDbContext db, IEnumerable<IBatchedJob> jobs, IServiceProvider services)
{
    public const int RunsPerJob = 5;

    /// <summary>Whether jobs can be started here (Jobs:Enabled): without Hangfire nothing would run them.</summary>
    public bool CanRun => services.GetService<IBackgroundJobClient>() is not null;

    public IReadOnlyList<string> JobNames => [.. jobs.Select(j => j.Name).Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JobRunSummary>>> LastRunsAsync(CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<JobRunSummary>>(StringComparer.Ordinal);
        foreach (var name in JobNames)
        {
            var runs = await db.JobRuns.AsNoTracking().Where(r => r.Job == name).OrderByDescending(r => r.StartedAt).Take(RunsPerJob)
                .Select(r => new
                {
                    Run = r,
                    Done = db.JobBatches.Count(b => b.RunId == r.Id && b.State == JobBatchState.Done),
                    Problems = db.JobBatches.Where(b => b.RunId == r.Id && b.Problems != null).OrderBy(b => b.Index).Select(b => b.Problems!).ToList(),
                })
                .ToListAsync(ct);
            result[name] = [.. runs.Select(x => new JobRunSummary(
                x.Run.Id, x.Run.Job, x.Run.Full, x.Run.State, x.Run.StartedAt, x.Run.FinishedAt, x.Run.PlannedItems, x.Run.ItemsChanged,
                x.Run.Batches, x.Done, x.Run.Error,
                [.. x.Problems.SelectMany(p => JsonSerializer.Deserialize<string[]>(p) ?? [])]))];
        }
        return result;
    }

    /// <summary>Queues a run of <paramref name="job"/> for the next free Hangfire worker; false for a name no job has.</summary>
    public bool RunNow(string job, bool fullRebuild)
    {
        if (!JobNames.Contains(job, StringComparer.Ordinal) || services.GetService<IBackgroundJobClient>() is not { } client)
            return false;
        client.Enqueue<JobTrigger>(t => t.RunAsync(job, fullRebuild, CancellationToken.None));
        return true;
    }
}
