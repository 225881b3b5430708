using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LtiPD.Data;

/// <summary>
/// Tells a write refused by a unique or primary key apart from every other failure, so a store can
/// answer "already used" for exactly that case and let anything else (a full disk, a lost
/// connection) surface as the error it is.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraintPrimaryKey = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int SqliteConstraintUnique = 2067;     // SQLITE_CONSTRAINT_UNIQUE

    public static bool Is(DbUpdateException e) => IsRefusal(e.InnerException);

    /// <summary>The same for a hand-written statement, whose provider exception arrives unwrapped.</summary>
    public static bool Is(Exception e) => e is DbUpdateException update ? Is(update) : IsRefusal(e);

    private static bool IsRefusal(Exception? e) => e switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
