using LtiPD.Data;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Hosting;

/// <summary>
/// Deletes used nonces, pending logins and sessions that can no longer be accepted. Safe on every node
/// at once: each run is a set of idempotent deletes by expiry.
/// </summary>
public sealed class ExpiredRowsSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<ExpiredRowsSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping expired launch rows failed; will retry");
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var now = time.GetUtcNow();
        var nonces = await db.UsedNonces.Where(n => n.KeepUntil < now).ExecuteDeleteAsync(ct);
        var logins = await db.PendingLogins.Where(l => l.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var sessions = await db.LaunchSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        if (nonces + logins + sessions > 0)
            logger.LogInformation("Swept {Nonces} nonces, {Logins} pending logins, {Sessions} sessions", nonces, logins, sessions);
    }
}
