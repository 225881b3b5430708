using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Tests.Migrations;

/// <summary>
/// The hand-written PostgreSQL migrations stand in for a model snapshot: they must build exactly the schema
/// that EnsureCreated() builds from the model. Each test uses fresh databases on the server named by
/// LTIPD_TEST_POSTGRES and drops them afterwards.
/// </summary>
public sealed class PostgreSqlSchemaTests
{
    private static readonly string InitialMigration =
        typeof(LtiPD.Data.PostgreSql.Migrations.Initial).GetCustomAttribute<MigrationAttribute>()!.Id;

    [SkippableFact]
    public void MigrationsBuildExactlyTheModelSchema()
    {
        var server = ServerOrSkip();
        using var migrated = TempPostgresDatabase.Create(server);
        using var created = TempPostgresDatabase.Create(server);
        using (var db = migrated.CreateContext())
            db.Database.Migrate();
        using (var db = created.CreateContext())
            Assert.True(db.Database.EnsureCreated());

        SchemaText.AssertEqual(
            "EnsureCreated (the model)", PostgreSqlSchema.Read(created.ConnectionString),
            "Migrate (the migrations)", PostgreSqlSchema.Read(migrated.ConnectionString));
    }

    [SkippableFact]
    public void MigrateIsIdempotent()
    {
        using var database = TempPostgresDatabase.Create(ServerOrSkip());
        using var db = database.CreateContext();
        db.Database.Migrate();
        var schema = PostgreSqlSchema.Read(database.ConnectionString);

        db.Database.Migrate();

        SchemaText.AssertEqual("after the first Migrate", schema, "after the second", PostgreSqlSchema.Read(database.ConnectionString));
        Assert.Equal(db.Database.GetMigrations(), db.Database.GetAppliedMigrations());
    }

    [SkippableFact]
    public void MigratedDatabaseHasNoPendingMigrations()
    {
        using var database = TempPostgresDatabase.Create(ServerOrSkip());
        using var db = database.CreateContext();

        db.Database.Migrate();

        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Contains(InitialMigration, db.Database.GetAppliedMigrations());
    }

    [SkippableFact]
    public void MigratingBackToTheStartLeavesNoTables()
    {
        using var database = TempPostgresDatabase.Create(ServerOrSkip());
        using var db = database.CreateContext();
        db.Database.Migrate();

        db.GetService<IMigrator>().Migrate(Migration.InitialDatabase);

        Assert.Empty(PostgreSqlSchema.Read(database.ConnectionString));
    }

    private static string ServerOrSkip()
    {
        var server = TempPostgresDatabase.ServerConnectionString;
        Skip.If(string.IsNullOrEmpty(server),
            $"{TempPostgresDatabase.ServerVariable} is not set: PostgreSQL schema tests need a server (.ci/run starts one)");
        return server;
    }
}
