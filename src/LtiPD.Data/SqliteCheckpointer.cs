using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LtiPD.Data;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file once a second, off the request path.
/// Left to SQLite, the commit that crosses the log's size limit does this itself, with two fsyncs, and the
/// launch or answer that happened to commit then waits for them. <see cref="SqlitePragmas"/> raises that
/// limit so it stays only a safety net should this service fall behind; durability is unchanged (a
/// committed transaction is in the log either way).
/// </summary>
internal sealed class SqliteCheckpointer(IServiceScopeFactory scopes, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var probe = scopes.CreateAsyncScope())
        {
            if (!probe.ServiceProvider.GetRequiredService<LtiPdDbContext>().Database.IsSqlite())
                return;
        }
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
                // PASSIVE never waits for readers or writers: it copies what it can and returns.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "SQLite checkpoint failed; SQLite's own checkpoint remains as a safety net");
            }
        }
    }
}
