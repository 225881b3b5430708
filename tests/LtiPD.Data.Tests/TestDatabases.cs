using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LtiPD.Data.Tests;

/// <summary>A fresh, empty database that is gone again after dispose.</summary>
internal interface ITempDatabase : IDisposable
{
    LtiPdDbContext CreateContext();
}

/// <summary>A fresh, empty SQLite database file in the temp folder, deleted on dispose.</summary>
internal sealed class TempSqliteDatabase : ITempDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ltipd-test-{Guid.NewGuid():N}.db");

    // Without pooling no connection keeps the file open once a context is disposed, so it can be deleted.
    public string ConnectionString => $"Data Source={_path};Pooling=False";

    public LtiPdDbContext CreateContext() => TestContexts.Create(DatabaseProvider.Sqlite, ConnectionString);

    public void Dispose() => File.Delete(_path);
}

/// <summary>
/// A fresh, empty PostgreSQL database with a random name on the server named by LTIPD_TEST_POSTGRES,
/// created and dropped through the server's maintenance database "postgres".
/// </summary>
internal sealed class TempPostgresDatabase : ITempDatabase
{
    public const string ServerVariable = "LTIPD_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _name;

    private TempPostgresDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
    }

    /// <summary>The connection string of a role with CREATEDB, or null when no server is configured.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(ServerVariable);

    // Without pooling no idle connection outlives the test to hold the dropped database.
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_serverConnectionString)
    {
        Database = _name,
        Pooling = false,
    }.ConnectionString;

    public static TempPostgresDatabase Create(string serverConnectionString)
    {
        var database = new TempPostgresDatabase(serverConnectionString, $"ltipd_test_{Guid.NewGuid():N}");
        database.ExecuteOnServer($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public LtiPdDbContext CreateContext() => TestContexts.Create(DatabaseProvider.PostgreSql, ConnectionString);

    // FORCE ends any connection a failed test left open, so a failure never leaks a database.
    public void Dispose() => ExecuteOnServer($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");

    private void ExecuteOnServer(string sql)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

internal static class TempDatabases
{
    /// <summary>A fresh database of <paramref name="provider"/>; the test is skipped for PostgreSQL when no server is configured.</summary>
    public static ITempDatabase Open(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
            return new TempSqliteDatabase();
        var server = TempPostgresDatabase.ServerConnectionString;
        Skip.If(string.IsNullOrEmpty(server), $"{TempPostgresDatabase.ServerVariable} is not set: PostgreSQL store tests need a server (.ci/run starts one)");
        return TempPostgresDatabase.Create(server);
    }
}

internal static class TestContexts
{
    /// <summary>A context configured the way the application configures it, migrations assembly included.</summary>
    public static LtiPdDbContext Create(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<LtiPdDbContext>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        return new LtiPdDbContext(options.Options);
    }

    /// <summary>Migrates the database and registers one platform; answers its id.</summary>
    public static async Task<int> SeedPlatformAsync(LtiPdDbContext db, DateTimeOffset createdAt)
    {
        await db.Database.MigrateAsync();
        var platform = new LtiPD.Data.Entities.PlatformEntity
        {
            Issuer = "https://lms.example.edu", ClientId = "client", AuthUrl = "https://lms.example.edu/auth",
            TokenUrl = "https://lms.example.edu/token", JwksUrl = "https://lms.example.edu/jwks", CreatedAt = createdAt,
        };
        db.Platforms.Add(platform);
        await db.SaveChangesAsync();
        return platform.Id;
    }
}
