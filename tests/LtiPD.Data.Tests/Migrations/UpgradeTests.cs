using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Tests.Migrations;

/// <summary>
/// A database that already holds queued grades keeps every one of them across the Modules migration, which rebuilds
/// grade_deliveries on SQLite and re-keys it on PostgreSQL: a grade waiting for a dead LMS is never lost to an upgrade.
/// </summary>
public sealed class UpgradeTests
{
    private const string BeforeModules = "20261123200000_GradeOutbox";

    [Fact]
    public async Task AQueuedGradeSurvivesTheModulesMigrationOnSqlite()
    {
        using var database = new TempSqliteDatabase();
        await AssertQueuedGradeSurvivesAsync(database);
    }

    [SkippableFact]
    public async Task AQueuedGradeSurvivesTheModulesMigrationOnPostgreSql()
    {
        Skip.If(TempPostgresDatabase.ServerConnectionString is null,
            $"{TempPostgresDatabase.ServerVariable} is not set: no PostgreSQL server to upgrade a database on.");
        using var database = TempPostgresDatabase.Create(TempPostgresDatabase.ServerConnectionString!);
        await AssertQueuedGradeSurvivesAsync(database);
    }

    private static async Task AssertQueuedGradeSurvivesAsync(ITempDatabase database)
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeModules);
            var platform = new PlatformEntity
            {
                Issuer = "https://lms.example.edu", ClientId = "client", AuthUrl = "https://lms.example.edu/auth",
                TokenUrl = "https://lms.example.edu/token", JwksUrl = "https://lms.example.edu/jwks", CreatedAt = at,
            };
            db.Platforms.Add(platform);
            await db.SaveChangesAsync();
            // The attempt as it stood before the migrations, without the columns the model has since gained (ResultRecords).
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO attempts ("Id", "PlatformId", "DeploymentId", "UserId", "InstrumentCode", "InstrumentVersion", "Status",
                    "StartedAt", "UpdatedAt", "SubmittedAt", "ScoreGiven", "ScoreMaximum", "GradingComplete")
                VALUES ('attempt-1', {0}, 'd1', 'u1', 'lesson-plan', 1, 1, {1}, {1}, {1}, 7, 9, {2})
                """, platform.Id, db.StoreValue(at), true);
            // The outbox as it stood before the migration, without the columns the model has since gained.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO grade_deliveries ("AttemptId", "PlatformId", "DeploymentId", "LineItemsUrl", "ResourceId", "Label", "UserId",
                    "ScoreGiven", "ScoreMaximum", "GradingProgress", "Timestamp", "Status", "Tries", "NextAttemptAt", "LastError")
                VALUES ({0}, {1}, 'd1', 'https://lms.example.edu/lineitems', 'lesson-plan', 'Lesson plan', 'u1', 7, 9, 0, {2}, 0, 3, {2}, '<html>internal console SECRET</html>')
                """, "attempt-1", platform.Id, db.StoreValue(at));
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();

            var row = await db.GradeDeliveries.AsNoTracking().SingleAsync();
            // The row survives every later migration too; only the LMS's words it kept are replaced by a code (ForgetLmsWords).
            Assert.Equal(("attempt-1", "u1", 7.0, 9.0, 3, "failed"), (row.AttemptId, row.UserId, row.ScoreGiven, row.ScoreMaximum, row.Tries, row.LastError));
            Assert.Equal(("https://lms.example.edu/lineitems", at), (row.LineItemsUrl, row.Timestamp));
            Assert.False(row.LineItemMustExist);
            var attempt = await db.Attempts.AsNoTracking().SingleAsync();
            // An attempt older than result records keeps its grade and has no record or module: both are derived when read.
            Assert.Equal((7.0, (string?)null, (string?)null), (attempt.ScoreGiven, attempt.ModuleCode, attempt.ResultRecord));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
    }
}
