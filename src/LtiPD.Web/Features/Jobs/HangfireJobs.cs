using System.ComponentModel;
using Hangfire;
using Hangfire.Dashboard;
using LtiPD.Web.Features.Admin;

namespace LtiPD.Web.Features.Jobs;

/// <summary>
/// The thin Hangfire side of a job: Hangfire decides when and on which node, <see cref="JobRunner"/> does the rest. The
/// node that opens a run asks every other live server to join it, so a run is shared out from the start and a node that
/// stops leaves its batch to the others. Hangfire does not retry: a failed run is recorded, and the next schedule (or
/// "Run now") starts a new one.
/// </summary>
public sealed class JobTrigger(JobRunner runner, IBackgroundJobClient client, JobStorage storage, ILogger<JobTrigger> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("{0} (full rebuild: {1})")]
    public async Task RunAsync(string job, bool fullRebuild, CancellationToken ct)
    {
        var (runId, opened) = await runner.OpenAsync(job, fullRebuild, ct);
        if (opened)
        {
            var others = storage.GetMonitoringApi().Servers().Count - 1;
            for (var i = 0; i < others; i++)
                client.Enqueue<JobTrigger>(t => t.JoinAsync(runId, CancellationToken.None));
            logger.LogInformation("Run {RunId} of job {Job} opened; {Others} other nodes asked to join", runId, job, others);
        }
        await runner.WorkAsync(runId, ct);
    }

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("join run {0}")]
    public Task JoinAsync(long runId, CancellationToken ct) => runner.WorkAsync(runId, ct);
}

/// <summary>
/// The dashboard answers only an administrator signed in through /admin/login. Hangfire's default filter admits requests
/// from the local address, judged by the connection: behind a reverse proxy every request comes from there.
/// </summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity is { IsAuthenticated: true, AuthenticationType: AdminAccess.Scheme } && user.IsInRole("admin");
    }
}

/// <summary>
/// Puts every registered job on its schedule at start (cron in <see cref="JobsOptions.TimeZone"/>) and removes schedules of
/// jobs that are not registered, so a "nightly" schedule exists only where a nightly job does.
/// </summary>
public sealed class RecurringJobsRegistration(IServiceScopeFactory scopes, IRecurringJobManager manager, Microsoft.Extensions.Options.IOptions<JobsOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var registered = scope.ServiceProvider.GetServices<IBatchedJob>().Select(j => j.Name).ToHashSet(StringComparer.Ordinal);
        var settings = options.Value;
        foreach (var name in new[] { "nightly", "housekeeping", "rosters" }.Concat(registered).Distinct(StringComparer.Ordinal))
        {
            if (!registered.Contains(name) || settings.ScheduleOf(name) is not { } schedule)
            {
                manager.RemoveIfExists(name);
                continue;
            }
            try
            {
                manager.AddOrUpdate<JobTrigger>(name, t => t.RunAsync(name, false, CancellationToken.None), schedule.Cron,
                    new RecurringJobOptions { TimeZone = settings.Zone() });
            }
            catch (ArgumentException e)
            {
                throw new Microsoft.Extensions.Options.OptionsValidationException(JobsOptions.Section, typeof(JobsOptions),
                    [$"{schedule.Setting} '{schedule.Cron}' is not a cron expression Hangfire accepts: {e.Message}"]);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
