using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Tests.Migrations;

/// <summary>
/// The hand-written SQLite migrations stand in for a model snapshot: they must build exactly the schema
/// that EnsureCreated() builds from the model, or a migrated database drifts from what EF expects.
/// </summary>
public sealed class SqliteSchemaTests
{
    private static readonly string InitialMigration =
        typeof(LtiPD.Data.Sqlite.Migrations.Initial).GetCustomAttribute<MigrationAttribute>()!.Id;

    [Fact]
    public void MigrationsBuildExactlyTheModelSchema()
    {
        using var migrated = new TempSqliteDatabase();
        using var created = new TempSqliteDatabase();
        using (var db = migrated.CreateContext())
            db.Database.Migrate();
        using (var db = created.CreateContext())
            Assert.True(db.Database.EnsureCreated());

        SchemaText.AssertEqual(
            "EnsureCreated (the model)", SqliteSchema.Read(created.ConnectionString),
            "Migrate (the migrations)", SqliteSchema.Read(migrated.ConnectionString));
    }

    [Fact]
    public void MigrateIsIdempotent()
    {
        using var database = new TempSqliteDatabase();
        using var db = database.CreateContext();
        db.Database.Migrate();
        var schema = SqliteSchema.Read(database.ConnectionString);

        db.Database.Migrate();

        SchemaText.AssertEqual("after the first Migrate", schema, "after the second", SqliteSchema.Read(database.ConnectionString));
        Assert.Equal(db.Database.GetMigrations(), db.Database.GetAppliedMigrations());
    }

    [Fact]
    public void MigratedDatabaseHasNoPendingMigrations()
    {
        using var database = new TempSqliteDatabase();
        using var db = database.CreateContext();

        db.Database.Migrate();

        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Contains(InitialMigration, db.Database.GetAppliedMigrations());
    }

    [Fact]
    public void MigratingBackToTheStartLeavesNoTables()
    {
        using var database = new TempSqliteDatabase();
        using var db = database.CreateContext();
        db.Database.Migrate();

        db.GetService<IMigrator>().Migrate(Migration.InitialDatabase);

        // AUTOINCREMENT's sqlite_sequence table stays behind once created: SQLite never drops it.
        Assert.All(SqliteSchema.Read(database.ConnectionString), line => Assert.Contains("sqlite_sequence", line, StringComparison.Ordinal));
    }
}
