using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtiPD.Data;

/// <summary>
/// synchronous is a per-connection SQLite setting. In WAL mode NORMAL still survives a process crash
/// (committed transactions are in the WAL), so answers and grades are not lost on a restart, while each
/// commit no longer waits for an fsync. busy_timeout lets concurrent writers wait instead of failing.
/// The settings live on the native handle, which the connection pool keeps open and hands out again,
/// so they are applied once per handle rather than on every open (EF opens a pooled connection for
/// each command: re-running the pragmas each time was a fixed cost on every query).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // wal_autocheckpoint: 16,000 pages (~64 MB) — SqliteCheckpointer checkpoints every second; this is only the backstop.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=16000;";

    /// <summary>
    /// The connection EF made, without the SQL functions and collation EF adds to every SQLite connection (regexp, ef_mod,
    /// ef_add and the rest, EF_DECIMAL: for decimal arithmetic and Regex.IsMatch in queries, which this model has none of).
    /// Microsoft.Data.Sqlite registers a connection's functions on the handle at every open, and SQLite expires every statement
    /// compiled on a handle when one of its functions is registered again: the statements <see cref="SqliteStatements"/> keeps
    /// were compiled anew on every open, as if never kept. The connection string is EF's own, so the pool is the same.
    /// </summary>
    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        if (result is not SqliteConnection made)
            return result;
        var plain = new SqliteConnection(made.ConnectionString) { DefaultTimeout = made.DefaultTimeout };
        made.Dispose();
        return plain;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(connection);
        return Task.CompletedTask;
    }

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    private static void Run(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        if (connection is SqliteConnection { Handle: { } opened })
            Configured.AddOrUpdate(opened, Configured);
    }
}
