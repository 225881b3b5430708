using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LtiPD.Data;

/// <summary>
/// Runs one statement once per row on an open SQLite connection through SQLite's own API: prepared once, each parameter's
/// index looked up once, values bound by index. Microsoft.Data.Sqlite binds every parameter by name on every execution
/// (a linear search of the statement's names, then its value converter) and builds a reader per execution; in a profile of the
/// nightly job (2,000,000 profile points) the binding by name alone was 6 % of its CPU. Only values whose storage both ways agree are taken
/// (null, text, integers, booleans, reals other than NaN: what <see cref="LtiPdDbContext.StoreValue"/> and the callers pass); anything
/// else is left to Microsoft.Data.Sqlite (<see cref="CanBind"/>), so a row is never stored differently from an EF write.
/// </summary>
internal static class SqliteBulk
{
    public static bool CanBind(IReadOnlyList<object?[]> rows)
    {
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                if (value is not (null or DBNull or string or int or long or bool or double) || value is double.NaN)
                    return false;
            }
        }
        return true;
    }

    /// <summary>Parameters are named @p0, @p1, … as in <see cref="LtiPdDbContext.ExecuteManyAsync"/>; a failure throws the
    /// <see cref="SqliteException"/> Microsoft.Data.Sqlite would (so <see cref="UniqueViolation"/> still tells a refusal).</summary>
    public static void ExecuteMany(SqliteConnection connection, string sql, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail), db);
        using (statement)
        {
            if (!string.IsNullOrWhiteSpace(tail))
                throw new ArgumentException("SqliteBulk runs one statement; this text holds more.", nameof(sql));
            var indexes = new int[rows[0].Length];
            for (var i = 0; i < indexes.Length; i++)
                indexes[i] = raw.sqlite3_bind_parameter_index(statement, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < row.Length; i++)
                {
                    if (indexes[i] != 0)
                        SqliteException.ThrowExceptionForRC(Bind(statement, indexes[i], row[i]), db);
                }
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    // A RETURNING clause's rows: not read, as ExecuteNonQuery does not read them.
                }
                if (rc != raw.SQLITE_DONE)
                    SqliteException.ThrowExceptionForRC(rc, db);
                raw.sqlite3_reset(statement);
            }
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
        _ => throw new ArgumentException($"SqliteBulk cannot bind a {value.GetType()}; CanBind should have refused the rows."),
    };
}
