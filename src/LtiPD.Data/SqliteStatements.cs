using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LtiPD.Data;

/// <summary>
/// Runs the hand-written statements (<see cref="LtiPdDbContext.ExecuteAsync"/>, <see cref="LtiPdDbContext.ExecuteManyAsync"/>,
/// <see cref="LtiPdDbContext.ReadAsync{T}"/>)
/// through SQLite's own API, each prepared once per pooled connection handle and kept with it. Microsoft.Data.Sqlite prepares
/// a command's text anew on every execution (its prepared statements end with the command, and a pooled connection's commands
/// end at every close); compiling the launch's two inserts was most of what they cost, and compiling the three reads of the
/// teacher's home (with EF's materialisation around them) a seventh of a whole launch's CPU. It also binds every parameter by name
/// on every execution (a linear search of the statement's names, then its value converter): in a profile of the nightly job
/// (2,000,000 profile points) the binding by name alone was 6 % of its CPU, so here each parameter's index is looked up once.
/// <para>
/// Only values whose storage both ways agree are taken (null, text, integers, booleans, reals other than NaN: what
/// <see cref="LtiPdDbContext.StoreValue"/> and the callers pass); anything else is left to Microsoft.Data.Sqlite
/// (<see cref="CanBind"/>), so a row is never stored differently from an EF write. A failure throws the
/// <see cref="SqliteException"/> Microsoft.Data.Sqlite would (so <see cref="UniqueViolation"/> still tells a refusal).
/// </para>
/// <para>
/// A handle is used by one open connection at a time, so its statements need no lock; each is reset after use, so none holds
/// a read snapshot back from the checkpointer. When the pool closes a handle (sqlite3_close_v2), the statements it kept are
/// finalized with it once the handle is collected.
/// </para>
/// </summary>
internal static class SqliteStatements
{
    /// <summary>How long a statement waits for a lock held by another writer, beyond busy_timeout: as a command's default timeout.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private sealed class Kept(sqlite3_stmt statement)
    {
        public sqlite3_stmt Statement { get; } = statement;

        /// <summary>The index of @p0, @p1, … in the statement (0: not named in it), by parameter number.</summary>
        public int[] Indexes { get; set; } = [];
    }

    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, Kept>> KeptByHandle = [];

    public static bool CanBind(object?[] row)
    {
        foreach (var value in row)
        {
            if (value is not (null or DBNull or string or int or long or bool or double) || value is double.NaN)
                return false;
        }
        return true;
    }

    public static bool CanBind(IReadOnlyList<object?[]> rows)
    {
        foreach (var row in rows)
        {
            if (!CanBind(row))
                return false;
        }
        return true;
    }

    /// <summary>Runs <paramref name="sql"/> once per row, the row's values as @p0, @p1, …; answers the rows changed in all.</summary>
    public static int ExecuteMany(SqliteConnection connection, string sql, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var db = connection.Handle!;
        var kept = Prepared(db, sql, rows[0].Length);
        var statement = kept.Statement;
        var changed = 0;
        try
        {
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < row.Length; i++)
                {
                    if (kept.Indexes[i] != 0)
                        SqliteException.ThrowExceptionForRC(Bind(statement, kept.Indexes[i], row[i]), db);
                }
                var rc = Step(statement);
                if (rc != raw.SQLITE_DONE)
                    SqliteException.ThrowExceptionForRC(rc, db);
                // sqlite3_changes is the last write's count: a statement that writes nothing must not report the one before.
                changed += raw.sqlite3_stmt_readonly(statement) != 0 ? 0 : raw.sqlite3_changes(db);
                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
        return changed;
    }

    /// <summary>
    /// Runs the query <paramref name="sql"/> with <paramref name="values"/> as @p0, @p1, …; answers each row as
    /// <paramref name="read"/> maps it. A database locked past busy_timeout before the first row is tried again, as
    /// <see cref="Step"/> does.
    /// </summary>
    public static List<T> Read<T>(SqliteConnection connection, string sql, object?[] values, Func<SqlRow, T> read, CancellationToken ct)
    {
        var db = connection.Handle!;
        var kept = Prepared(db, sql, values.Length);
        var statement = kept.Statement;
        var rows = new List<T>();
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (kept.Indexes[i] != 0)
                    SqliteException.ThrowExceptionForRC(Bind(statement, kept.Indexes[i], values[i]), db);
            }
            var row = new SqlRow(statement);
            var started = Stopwatch.GetTimestamp();
            int rc;
            while ((rc = raw.sqlite3_step(statement)) is raw.SQLITE_ROW or raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
            {
                if (rc == raw.SQLITE_ROW)
                {
                    rows.Add(read(row));
                    continue;
                }
                if (rows.Count > 0 || Stopwatch.GetElapsedTime(started) >= LockTimeout)
                    break;
                ct.ThrowIfCancellationRequested();
                raw.sqlite3_reset(statement);
                Thread.Sleep(150);
            }
            if (rc != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
        return rows;
    }

    private const int StatusReprepare = 5; // SQLITE_STMTSTATUS_REPREPARE (sqlite3.h), which SQLitePCL does not name

    /// <summary>
    /// How often SQLite has compiled the kept statement <paramref name="sql"/> of this connection's handle again since it was
    /// kept (SQLITE_STMTSTATUS_REPREPARE); null when none is kept. What keeping a statement is for depends on this staying 0.
    /// </summary>
    internal static int? TimesRecompiled(SqliteConnection connection, string sql) =>
        KeptByHandle.TryGetValue(connection.Handle!, out var byText) && byText.TryGetValue(sql, out var kept)
            ? raw.sqlite3_stmt_status(kept.Statement, StatusReprepare, 0)
            : null;

    private static Kept Prepared(sqlite3 db, string sql, int parameters)
    {
        var byText = KeptByHandle.GetOrCreateValue(db);
        if (!byText.TryGetValue(sql, out var kept))
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out var tail), db);
            if (!string.IsNullOrWhiteSpace(tail))
            {
                statement.Dispose();
                throw new ArgumentException("A hand-written statement is one statement; this text holds more.", nameof(sql));
            }
            byText[sql] = kept = new Kept(statement);
        }
        if (kept.Indexes.Length < parameters)
        {
            var indexes = new int[parameters];
            for (var i = 0; i < parameters; i++)
                indexes[i] = raw.sqlite3_bind_parameter_index(kept.Statement, "@p" + i.ToString(CultureInfo.InvariantCulture));
            kept.Indexes = indexes;
        }
        return kept;
    }

    /// <summary>
    /// Steps the statement to its end (a RETURNING clause's rows are not read, as ExecuteNonQuery does not read them). A
    /// database locked by another writer past busy_timeout is tried again until <see cref="LockTimeout"/>, as
    /// Microsoft.Data.Sqlite does.
    /// </summary>
    private static int Step(sqlite3_stmt statement)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }
            if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || Stopwatch.GetElapsedTime(started) >= LockTimeout)
                return rc;
            raw.sqlite3_reset(statement);
            Thread.Sleep(150);
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(statement, index, real),
        _ => throw new ArgumentException($"SqliteStatements cannot bind a {value.GetType()}; CanBind should have refused the row."),
    };
}
