using LtiPD.Data.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Tests.Stores;

/// <summary>
/// The single-use guarantee of a launch rests on this store: a nonce is accepted once (and so is the state that names it,
/// LtiPD.Lti.Login.PendingLogins). Each runs on SQLite and, when LTIPD_TEST_POSTGRES is set, on PostgreSQL.
/// </summary>
public sealed class LaunchStoresTests
{
    private static readonly DateTimeOffset Later = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task NonceIsAcceptedOncePerIssuer(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        var nonces = new NonceStore(db);

        Assert.True(await nonces.TryUseAsync("https://lms.example", "n-1", Later, default));
        Assert.False(await nonces.TryUseAsync("https://lms.example", "n-1", Later, default));
        Assert.True(await nonces.TryUseAsync("https://other.example", "n-1", Later, default));
    }

    [Fact]
    public async Task AFailedWriteIsAnErrorNotAReplay()
    {
        // A database that cannot be written must surface as a failure: answering "already used" would
        // turn an outage into a misleading refusal and hide it from the logs.
        using var database = new TempSqliteDatabase();
        await using (var setup = database.CreateContext())
            await setup.Database.MigrateAsync();
        var readOnly = new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        await using var db = TestContexts.Create(DatabaseProvider.Sqlite, readOnly.ConnectionString);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => new NonceStore(db).TryUseAsync("https://lms.example", "n-1", Later, default));
    }
}
