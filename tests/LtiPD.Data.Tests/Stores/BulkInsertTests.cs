using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Tests.Stores;

/// <summary>
/// The nightly job writes its results through <see cref="LtiPdDbContext.InsertRowsAsync"/>: one prepared statement per row on
/// SQLite (bound by index through SQLite's own API, <see cref="SqliteStatements"/>), one statement of column arrays on PostgreSQL.
/// What goes in must come out as it was, nulls included, on both.
/// </summary>
public sealed class BulkInsertTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static readonly string[] Columns =
        ["PlatformId", "DeploymentId", "UserId", "Stage", "Department", "Courses", "Indicators", "Levels", "Snapshot", "Fingerprint", "ComputedAt"];

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task RowsReadBackAsWrittenWithNullsInNullableAndAllNullColumns(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        var snapshot = new string('x', 10_000);
        // Stage is null in one row (a nullable value column), Department in every row (nothing tells its type but the table).
        var rows = new[] { 2, (int?)null, 4 }
            .Select((stage, i) => new object?[] { platform, "d-1", $"u-{i}", stage, null, "[]", (long)i << 40, "{}", snapshot, $"f-{i}", db.StoreValue(At.AddMinutes(i)) })
            .ToList();

        await db.InsertRowsAsync("teacher_development", Columns, rows, "", default);

        var stored = await db.TeacherDevelopment.AsNoTracking().OrderBy(d => d.UserId).ToListAsync();
        Assert.Equal(["u-0", "u-1", "u-2"], stored.Select(d => d.UserId));
        Assert.Equal([2, null, 4], stored.Select(d => d.Stage));
        Assert.All(stored, d => Assert.Null(d.Department));
        Assert.Equal([0L, 1L << 40, 2L << 40], stored.Select(d => d.Indicators));
        Assert.Equal([At, At.AddMinutes(1), At.AddMinutes(2)], stored.Select(d => d.ComputedAt));
        Assert.All(stored, d => Assert.Equal(snapshot, d.Snapshot));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ARowThatCollidesRefusesTheWholeInsertUnlessConflictsAreIgnored(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        object?[] Row(string user) => [platform, "d-1", user, null, null, "[]", 0L, "{}", "{}", "f", db.StoreValue(At)];
        await db.InsertRowsAsync("teacher_development", Columns, [Row("u-1")], "", default);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.InsertRowsAsync("teacher_development", Columns, [Row("u-0"), Row("u-1")], "", default));
        Assert.True(UniqueViolation.Is(refused), $"not told apart as a unique violation: {refused}");
        Assert.Equal(1, await db.TeacherDevelopment.CountAsync()); // u-0 was not left behind

        await db.InsertRowsAsync("teacher_development", Columns, [Row("u-0"), Row("u-1")], "ON CONFLICT DO NOTHING", default);
        Assert.Equal(2, await db.TeacherDevelopment.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TextInAnyScriptAndTheWholeRangeOfIntegersReadBackAsWritten(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        string[] departments = ["Қазақ тілі кафедрасы", "Кафедра педагогики 📚", "O'Brien \"quoted\" ; DROP TABLE x; --", ""];
        long[] indicators = [long.MinValue, -1, long.MaxValue, 0];
        var rows = departments.Select((department, i) =>
            new object?[] { platform, "d-1", $"u-{i}", i, department, "[]", indicators[i], "{}", "{}", "f", db.StoreValue(At) }).ToList();

        await db.InsertRowsAsync("teacher_development", Columns, rows, "", default);

        var stored = await db.TeacherDevelopment.AsNoTracking().OrderBy(d => d.UserId).ToListAsync();
        Assert.Equal(departments, stored.Select(d => d.Department));
        Assert.Equal(indicators, stored.Select(d => d.Indicators));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AHandWrittenStatementRunAgainAfterItsConnectionClosedTakesItsNewValuesAndCountsWhatItChanged(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        await TestContexts.SeedPlatformAsync(db, At);
        const string Insert = "INSERT INTO used_nonces (\"Issuer\", \"Value\", \"KeepUntil\") VALUES (@p0, @p1, @p2) ON CONFLICT DO NOTHING";
        const string Plain = "INSERT INTO used_nonces (\"Issuer\", \"Value\", \"KeepUntil\") VALUES (@p0, @p1, @p2)";

        // Each call opens and closes the connection: on SQLite the pool hands the same handle back, with the statement it kept.
        var first = await db.ExecuteAsync(Insert, default, "https://lms.example.edu", "n-1", db.StoreValue(At));
        var second = await db.ExecuteAsync(Insert, default, "https://lms.example.edu", "n-2", db.StoreValue(At.AddHours(1)));
        var again = await db.ExecuteAsync(Insert, default, "https://lms.example.edu", "n-1", db.StoreValue(At));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.ExecuteAsync(Plain, default, "https://lms.example.edu", "n-2", db.StoreValue(At)));
        var afterRefusal = await db.ExecuteAsync(Plain, default, "https://lms.example.edu", "n-3", db.StoreValue(At));

        Assert.Equal((1, 1, 0), (first, second, again));
        Assert.True(UniqueViolation.Is(refused), $"not told apart as a unique violation: {refused}");
        Assert.Equal(1, afterRefusal); // the statement that failed runs again
        var stored = await db.UsedNonces.AsNoTracking().OrderBy(n => n.Value).ToListAsync();
        Assert.Equal(["n-1", "n-2", "n-3"], stored.Select(n => n.Value));
        Assert.Equal([At, At.AddHours(1), At], stored.Select(n => n.KeepUntil));
    }

    [SkippableFact]
    public async Task LargeValuesWrittenAfterPreferringFastCompressionAreStoredWithLz4OnPostgreSql()
    {
        using var database = TempDatabases.Open(DatabaseProvider.PostgreSql);
        await using var db = database.CreateContext();
        var lz4 = await db.Database.SqlQueryRaw<bool>(
                """SELECT 'lz4' = ANY(enumvals) AS "Value" FROM pg_settings WHERE name = 'default_toast_compression'""")
            .SingleAsync();
        Skip.IfNot(lz4, "this PostgreSQL server was built without lz4");
        var configured = await db.Database.SqlQueryRaw<string>("""SELECT current_setting('default_toast_compression') AS "Value" """).SingleAsync();
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        // Compressible and over the 2 kB a row may hold uncompressed, as a teacher's snapshot is.
        var snapshot = string.Concat(Enumerable.Repeat("{\"level\":3,\"trend\":\"up\"},", 1000));

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.PreferFastCompressionAsync(default);
            await db.InsertRowsAsync("teacher_development", Columns,
                [[platform, "d-1", "u-1", null, null, "[]", 0L, "{}", snapshot, "f", At]], "", default);
            await transaction.CommitAsync();
        }
        // The setting ended with the transaction: a later one compresses as the server is configured.
        await db.InsertRowsAsync("teacher_development", Columns, [[platform, "d-1", "u-2", null, null, "[]", 0L, "{}", snapshot, "f", At]], "", default);

        var methods = await db.Database.SqlQueryRaw<string>(
                """SELECT "UserId" || ':' || pg_column_compression("Snapshot") AS "Value" FROM teacher_development ORDER BY "UserId" """)
            .ToListAsync();
        Assert.Equal(["u-1:lz4", "u-2:" + configured], methods);
        Assert.Equal(snapshot, (await db.TeacherDevelopment.AsNoTracking().SingleAsync(d => d.UserId == "u-1")).Snapshot);
    }
}
