using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace LtiPD.Data;

/// <summary>
/// The current row of a hand-written read (<see cref="LtiPdDbContext.ReadAsync{T}"/>), by column position, on whichever provider
/// ran it: on SQLite a statement kept with its connection (<see cref="SqliteStatements"/>), elsewhere a data reader. Values come
/// back as EF reads them: a time on SQLite is the 64-bit value of <see cref="DateTimeOffsetToBinaryConverter"/>
/// (<see cref="LtiPdDbContext"/>'s conventions), a flag is 0 or 1 there; PostgreSQL has its own types for both.
/// </summary>
public sealed class SqlRow
{
    private static readonly Func<long, DateTimeOffset> SqliteTime = new DateTimeOffsetToBinaryConverter().ConvertFromProviderTyped;

    private readonly sqlite3_stmt? _statement;
    private readonly DbDataReader? _reader;

    internal SqlRow(sqlite3_stmt statement) => _statement = statement;

    internal SqlRow(DbDataReader reader) => _reader = reader;

    public bool IsNull(int column) =>
        _statement is { } s ? raw.sqlite3_column_type(s, column) == raw.SQLITE_NULL : _reader!.IsDBNull(column);

    public string Text(int column) =>
        _statement is { } s ? raw.sqlite3_column_text(s, column).utf8_to_string() : _reader!.GetString(column);

    public string? TextOrNull(int column) => IsNull(column) ? null : Text(column);

    public int Number(int column) =>
        _statement is { } s ? checked((int)raw.sqlite3_column_int64(s, column)) : _reader!.GetInt32(column);

    public double Real(int column) =>
        _statement is { } s ? raw.sqlite3_column_double(s, column) : _reader!.GetDouble(column);

    public double? RealOrNull(int column) => IsNull(column) ? null : Real(column);

    public bool Flag(int column) =>
        _statement is { } s ? raw.sqlite3_column_int64(s, column) != 0 : _reader!.GetBoolean(column);

    public DateTimeOffset Time(int column) =>
        _statement is { } s ? SqliteTime(raw.sqlite3_column_int64(s, column)) : _reader!.GetFieldValue<DateTimeOffset>(column);

    public DateTimeOffset? TimeOrNull(int column) => IsNull(column) ? null : Time(column);
}
