using System.Data.Common;
using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LtiPD.Data;

public sealed class LtiPdDbContext(DbContextOptions<LtiPdDbContext> options) : DbContext(options)
{
    public DbSet<PlatformEntity> Platforms => Set<PlatformEntity>();
    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();
    public DbSet<UsedNonceEntity> UsedNonces => Set<UsedNonceEntity>();
    public DbSet<PendingLoginEntity> PendingLogins => Set<PendingLoginEntity>();
    public DbSet<LaunchSessionEntity> LaunchSessions => Set<LaunchSessionEntity>();
    public DbSet<ToolKeyEntity> ToolKeys => Set<ToolKeyEntity>();
    public DbSet<DataProtectionKeyEntity> DataProtectionKeys => Set<DataProtectionKeyEntity>();
    public DbSet<FrameworkEntity> Frameworks => Set<FrameworkEntity>();
    public DbSet<InstrumentEntity> Instruments => Set<InstrumentEntity>();
    public DbSet<AttemptEntity> Attempts => Set<AttemptEntity>();
    public DbSet<ResponseEntity> Responses => Set<ResponseEntity>();
    public DbSet<PeerInvitationEntity> PeerInvitations => Set<PeerInvitationEntity>();
    public DbSet<GradeDeliveryEntity> GradeDeliveries => Set<GradeDeliveryEntity>();
    public DbSet<AttemptReviewEntity> AttemptReviews => Set<AttemptReviewEntity>();
    public DbSet<CourseGradeSettingsEntity> CourseGradeSettings => Set<CourseGradeSettingsEntity>();
    public DbSet<ProgrammeEntity> Programmes => Set<ProgrammeEntity>();
    public DbSet<ModuleCompletionEntity> ModuleCompletions => Set<ModuleCompletionEntity>();
    public DbSet<RegistrationLinkEntity> RegistrationLinks => Set<RegistrationLinkEntity>();
    public DbSet<TeacherSituationEntity> TeacherSituations => Set<TeacherSituationEntity>();
    public DbSet<ProfilePointEntity> ProfilePoints => Set<ProfilePointEntity>();
    public DbSet<BarrierAnswersEntity> BarrierAnswers => Set<BarrierAnswersEntity>();
    public DbSet<RouteChoicesEntity> RouteChoices => Set<RouteChoicesEntity>();
    public DbSet<RouteHistoryEntity> RouteHistory => Set<RouteHistoryEntity>();
    public DbSet<TeacherDevelopmentEntity> TeacherDevelopment => Set<TeacherDevelopmentEntity>();
    public DbSet<DevelopmentAggregateEntity> DevelopmentAggregates => Set<DevelopmentAggregateEntity>();
    public DbSet<TargetProfilesEntity> TargetProfiles => Set<TargetProfilesEntity>();
    public DbSet<JobRunEntity> JobRuns => Set<JobRunEntity>();
    public DbSet<JobBatchEntity> JobBatches => Set<JobBatchEntity>();
    public DbSet<ModuleFeedbackEntity> ModuleFeedback => Set<ModuleFeedbackEntity>();
    public DbSet<CredentialEntity> Credentials => Set<CredentialEntity>();
    public DbSet<CredentialKeyEntity> CredentialKeys => Set<CredentialKeyEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LtiPdDbContext).Assembly);

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    // IsSqlite() compares provider names read through reflection on every call; the launch path asks several
    // times per request. A pooled context keeps its options, so the answer never changes for this instance.
    private bool? _onSqlite;

    private bool OnSqlite => _onSqlite ??= Database.IsSqlite();

    /// <summary>
    /// Opens this context's connection until the returned value is disposed, so that several statements share
    /// one open: each open of a pooled SQLite connection re-registers EF's SQL functions on the handle.
    /// </summary>
    public async Task<IAsyncDisposable> HoldConnectionAsync(CancellationToken ct)
    {
        await Database.OpenConnectionAsync(ct);
        return new ConnectionHold(this);
    }

    /// <summary>
    /// <see cref="HoldConnectionAsync"/> on SQLite only, null elsewhere: for a page's handler, which may wait for the LMS while
    /// it holds the connection; a PostgreSQL open is cheap, and a held connection would be kept from other requests.
    /// </summary>
    public async Task<IAsyncDisposable?> HoldSqliteConnectionAsync(CancellationToken ct) =>
        OnSqlite ? await HoldConnectionAsync(ct) : null;

    private sealed class ConnectionHold(LtiPdDbContext db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }

    /// <summary>
    /// A DateTimeOffset as this provider stores it, for the few hand-written statements on the launch path:
    /// on SQLite the value of <see cref="DateTimeOffsetToBinaryConverter"/> (see <see cref="ConfigureConventions"/>),
    /// elsewhere the value itself.
    /// </summary>
    public object StoreValue(DateTimeOffset value) => OnSqlite ? SqliteTime.ConvertToProvider(value)! : value;

    /// <summary>The inverse of <see cref="StoreValue"/> for a column read by a hand-written statement.</summary>
    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        OnSqlite ? (DateTimeOffset)SqliteTime.ConvertFromProvider(reader.GetInt64(ordinal))! : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>
    /// Runs one hand-written statement on this context's connection (and transaction, if any), with the values
    /// bound as @p0, @p1, …. Used only on the launch path, where EF's command pipeline cost more than the
    /// statement itself; everything else goes through EF.
    /// </summary>
    public async Task<T> RunAsync<T>(string sql, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken ct, params object?[] values)
    {
        await Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameter.Value = values[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            return await run(command, ct);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values) =>
        RunAsync(sql, static (command, token) => command.ExecuteNonQueryAsync(token), ct, values);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type and EF cannot compare or order DateTimeOffset stored as text there;
        // as a 64-bit integer it sorts and compares correctly. PostgreSQL keeps timestamptz.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
