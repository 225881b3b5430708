using System.Text.Json;
using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Tests.Migrations;

/// <summary>
/// A database that already holds queued grades keeps every one of them across the Modules migration, which rebuilds
/// grade_deliveries on SQLite and re-keys it on PostgreSQL: a grade waiting for a dead LMS is never lost to an upgrade. A
/// teacher's profile history keeps every point when it moves from a row per point to a row per moment (ProfilePointSets).
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

    private const string BeforePointSets = "20261206000000_SealedLoginState";

    [Fact]
    public async Task EveryProfilePointSurvivesTheMoveToPointSetsOnSqlite()
    {
        using var database = new TempSqliteDatabase();
        await AssertProfilePointsSurviveAsync(database);
    }

    [SkippableFact]
    public async Task EveryProfilePointSurvivesTheMoveToPointSetsOnPostgreSql()
    {
        Skip.If(TempPostgresDatabase.ServerConnectionString is null,
            $"{TempPostgresDatabase.ServerVariable} is not set: no PostgreSQL server to upgrade a database on.");
        using var database = TempPostgresDatabase.Create(TempPostgresDatabase.ServerConnectionString!);
        await AssertProfilePointsSurviveAsync(database);
    }

    private static async Task AssertProfilePointsSurviveAsync(ITempDatabase database)
    {
        var submitted = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        var reviewed = submitted.AddDays(4);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforePointSets);
            var platform = new PlatformEntity
            {
                Issuer = "https://lms.example.edu", ClientId = "client", AuthUrl = "https://lms.example.edu/auth",
                TokenUrl = "https://lms.example.edu/token", JwksUrl = "https://lms.example.edu/jwks", CreatedAt = submitted,
            };
            db.Platforms.Add(platform);
            await db.SaveChangesAsync();
            // Three points at the submission (stored out of code order) and one at the review, and another teacher's point.
            foreach (var (attempt, stage, code, user, at, component, percent, level) in new[]
                     {
                         ("a1", 0, "ped-2", "u1", submitted, 2, 71.25, 4), ("a1", 0, "soc-1", "u1", submitted, 0, 40.0, 2),
                         ("a1", 0, "ped-1", "u1", submitted, 2, 55.5, 3), ("a1", 1, "ped-1", "u1", reviewed, 2, 62.5, 3),
                         ("b7", 0, "soc-1", "u2", submitted, 0, 100.0, 5),
                     })
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO profile_points ("AttemptId", "Stage", "CompetencyCode", "PlatformId", "DeploymentId", "UserId", "At", "Component", "Percent", "Level")
                    VALUES ({0}, {1}, {2}, {3}, 'd1', {4}, {5}, {6}, {7}, {8})
                    """, attempt, stage, code, platform.Id, user, db.StoreValue(at), component, percent, level);
            }
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();

            var sets = (await db.ProfilePointSets.AsNoTracking().ToListAsync()).OrderBy(s => s.AttemptId).ThenBy(s => s.Stage).ToList();
            Assert.Equal(
                [("u1", "a1", 0, submitted), ("u1", "a1", 1, reviewed), ("u2", "b7", 0, submitted)],
                sets.Select(s => (s.UserId, s.AttemptId, s.Stage, s.At)));
            Assert.Equal(
                [
                    [("ped-1", 2, 55.5, 3), ("ped-2", 2, 71.25, 4), ("soc-1", 0, 40.0, 2)],
                    [("ped-1", 2, 62.5, 3)],
                    [("soc-1", 0, 100.0, 5)],
                ],
                sets.Select(s => Points(s.Points)));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
    }

    /// <summary>[code, component, percent, level] arrays, as the web host's ProfilePointsText reads them, by code (their order means nothing).</summary>
    private static List<(string, int, double, int)> Points(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(p => (p[0].GetString()!, p[1].GetInt32(), p[2].GetDouble(), p[3].GetInt32()))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ToList();
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
