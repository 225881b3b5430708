using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtiPD.Data;

/// <summary>
/// synchronous is a per-connection SQLite setting. In WAL mode NORMAL still survives a process crash
/// (committed transactions are in the WAL), so answers and grades are not lost on a restart, while each
/// commit no longer waits for an fsync. busy_timeout lets concurrent writers wait instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(connection);
        return Task.CompletedTask;
    }

    private static void Run(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
