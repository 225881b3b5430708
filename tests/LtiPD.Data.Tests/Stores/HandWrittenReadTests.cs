using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Tests.Stores;

/// <summary>
/// The teacher's home reads attempts, peer invitations and module completions with hand-written queries
/// (<see cref="LtiPdDbContext.ReadAsync{T}"/>, kept compiled on SQLite): each must give back every row as EF gives it, every
/// column, nulls and times included, on both providers, and again on a connection the pool hands back.
/// </summary>
public sealed class HandWrittenReadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task EntitiesReadByHandHaveEveryColumnOfTheModelWithTheValuesEfReads(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        db.Attempts.AddRange(
            new AttemptEntity
            {
                Id = "a-full", PlatformId = platform, DeploymentId = "d-1", ContextId = "c-1", ResourceLinkId = "rl-1", UserId = "u-1",
                UserName = "Айгүл Сейітқызы", InstrumentCode = "sjt", InstrumentVersion = 3, SubjectUserId = "u-2", Status = 1,
                StartedAt = At, UpdatedAt = At.AddMinutes(5).AddTicks(7), SubmittedAt = At.AddMinutes(9), ScoreGiven = 7.25,
                ScoreMaximum = 10, GradingComplete = true, ModuleCode = "m-1", ResultRecord = "{\"scales\":[]}",
            },
            new AttemptEntity
            {
                Id = "a-empty", PlatformId = platform, DeploymentId = "d-1", UserId = "u-1", InstrumentCode = "likert",
                InstrumentVersion = 1, StartedAt = At.AddDays(-400), UpdatedAt = At,
            });
        db.PeerInvitations.AddRange(
            new PeerInvitationEntity
            {
                Id = "i-full", PlatformId = platform, DeploymentId = "d-1", ContextId = "c-1", SubjectUserId = "u-1", SubjectName = "Анна",
                PeerUserId = "u-2", PeerName = "Bob", CreatedAt = At,
            },
            new PeerInvitationEntity
            {
                Id = "i-empty", PlatformId = platform, DeploymentId = "d-1", ContextId = "c-1", SubjectUserId = "u-2", PeerUserId = "u-1",
                CreatedAt = At.AddSeconds(1),
            });
        db.ModuleCompletions.AddRange(
            new ModuleCompletionEntity
            {
                Id = "m-full", PlatformId = platform, DeploymentId = "d-1", ContextId = "c-1", ResourceLinkId = "rl-1", UserId = "u-1",
                UserName = "Ann", ProgrammeCode = "p-1", ProgrammeVersion = 2, ModuleCode = "m-1", ScoreGiven = 0.5, ScoreMaximum = 1,
                CompletedAt = At,
            },
            new ModuleCompletionEntity
            {
                Id = "m-empty", PlatformId = platform, DeploymentId = "d-1", UserId = "u-1", ProgrammeCode = "p-1", ProgrammeVersion = 1,
                ModuleCode = "m-2", CompletedAt = At.AddYears(-3),
            });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        await AssertReadAsEfReads(db, "attempts", EntityRows.AttemptColumns, EntityRows.Attempt, db.Attempts, nameof(AttemptEntity.Responses));
        await AssertReadAsEfReads(db, "peer_invitations", EntityRows.PeerInvitationColumns, EntityRows.PeerInvitation, db.PeerInvitations);
        await AssertReadAsEfReads(db, "module_completions", EntityRows.ModuleCompletionColumns, EntityRows.ModuleCompletion, db.ModuleCompletions);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AHandWrittenReadTakesItsNewValuesEachTimeAndAnswersNoRowsWhenNothingMatches(DatabaseProvider provider)
    {
        using var database = TempDatabases.Open(provider);
        await using var db = database.CreateContext();
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        for (var i = 0; i < 3; i++)
        {
            db.PeerInvitations.Add(new PeerInvitationEntity
            {
                Id = $"i-{i}", PlatformId = platform, DeploymentId = "d-1", ContextId = "c-1", SubjectUserId = "u-0", PeerUserId = $"u-{i + 1}",
                CreatedAt = At.AddMinutes(i),
            });
        }
        await db.SaveChangesAsync();
        const string ByPeer = "SELECT " + EntityRows.PeerInvitationColumns + " FROM peer_invitations WHERE \"PlatformId\" = @p0 AND \"PeerUserId\" = @p1";

        // Each call opens and closes the connection: on SQLite the pool hands the same handle back, with the query it kept.
        var first = await db.ReadAsync(ByPeer, EntityRows.PeerInvitation, default, platform, "u-1");
        var second = await db.ReadAsync(ByPeer, EntityRows.PeerInvitation, default, platform, "u-3");
        var none = await db.ReadAsync(ByPeer, EntityRows.PeerInvitation, default, platform, "u-9");
        var all = await db.ReadAsync("SELECT " + EntityRows.PeerInvitationColumns + " FROM peer_invitations WHERE \"PlatformId\" = @p0 ORDER BY \"CreatedAt\" DESC",
            EntityRows.PeerInvitation, default, platform);

        Assert.Equal(["i-0"], first.Select(i => i.Id));
        Assert.Equal(["i-2"], second.Select(i => i.Id));
        Assert.Empty(none);
        Assert.Equal(["i-2", "i-1", "i-0"], all.Select(i => i.Id));
        Assert.Equal([At.AddMinutes(2), At.AddMinutes(1), At], all.Select(i => i.CreatedAt));
    }

    [Fact]
    public async Task AKeptStatementIsNotCompiledAgainWhenThePoolHandsItsConnectionBack()
    {
        using var database = new TempSqliteDatabase();
        // Pooled, as the service runs: the same handle comes back at every open, with what it keeps.
        await using var db = TestContexts.Create(DatabaseProvider.Sqlite, database.ConnectionString.Replace("Pooling=False", "Pooling=True", StringComparison.Ordinal));
        var platform = await TestContexts.SeedPlatformAsync(db, At);
        const string ByPlatform = "SELECT " + EntityRows.PeerInvitationColumns + " FROM peer_invitations WHERE \"PlatformId\" = @p0";

        for (var i = 0; i < 3; i++)
        {
            await db.ReadAsync(ByPlatform, EntityRows.PeerInvitation, default, platform);
            await db.Attempts.AsNoTracking().CountAsync(); // EF opens the same pooled connection in between
        }

        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal(0, SqliteStatements.TimesRecompiled((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), ByPlatform));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public void NoColumnIsDecimalSinceSqliteConnectionsLeaveOutEfsDecimalFunctions()
    {
        using var database = new TempSqliteDatabase();
        using var db = database.CreateContext();
        // SqlitePragmas drops EF's ef_add, ef_compare, … (decimal arithmetic on SQLite) so that kept statements stay compiled.
        var decimals = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(decimal) || p.ClrType == typeof(decimal))
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(decimals);
    }

    private static async Task AssertReadAsEfReads<T>(
        LtiPdDbContext db, string table, string columns, Func<SqlRow, T> read, DbSet<T> set, params string[] navigations) where T : class
    {
        // The select list is the model's columns, each once: a property added to the entity without its column fails here.
        var model = db.Model.FindEntityType(typeof(T))!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal);
        var listed = columns.Split(',').Select(c => c.Trim().Trim('"')).Order(StringComparer.Ordinal);
        Assert.Equal(model, listed);

        var byHand = await db.ReadAsync($"SELECT {columns} FROM {table} ORDER BY \"Id\"", read, default);
        var byEf = await set.AsNoTracking().OrderBy(e => EF.Property<string>(e, "Id")).ToListAsync();
        Assert.Equal(2, byEf.Count);
        Assert.Equal(byEf.Count, byHand.Count);
        foreach (var property in typeof(T).GetProperties().Where(p => !navigations.Contains(p.Name)))
        {
            for (var i = 0; i < byEf.Count; i++)
                Assert.True(Equals(property.GetValue(byEf[i]), property.GetValue(byHand[i])),
                    $"{typeof(T).Name}.{property.Name} of row {i}: EF read {property.GetValue(byEf[i])}, by hand {property.GetValue(byHand[i])}");
        }
    }
}
