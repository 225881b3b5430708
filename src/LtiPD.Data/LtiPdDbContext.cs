using System.Data.Common;
using LtiPD.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LtiPD.Data;

public sealed class LtiPdDbContext(DbContextOptions<LtiPdDbContext> options) : DbContext(options)
{
    public DbSet<PlatformEntity> Platforms => Set<PlatformEntity>();
    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();
    public DbSet<UsedNonceEntity> UsedNonces => Set<UsedNonceEntity>();
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
    public DbSet<ProfilePointSetEntity> ProfilePointSets => Set<ProfilePointSetEntity>();
    public DbSet<BarrierAnswersEntity> BarrierAnswers => Set<BarrierAnswersEntity>();
    public DbSet<RouteChoicesEntity> RouteChoices => Set<RouteChoicesEntity>();
    public DbSet<RouteHistoryEntity> RouteHistory => Set<RouteHistoryEntity>();
    public DbSet<TeacherDevelopmentEntity> TeacherDevelopment => Set<TeacherDevelopmentEntity>();
    public DbSet<DevelopmentFoldEntity> DevelopmentFolds => Set<DevelopmentFoldEntity>();
    public DbSet<DevelopmentAggregateEntity> DevelopmentAggregates => Set<DevelopmentAggregateEntity>();
    public DbSet<TargetProfilesEntity> TargetProfiles => Set<TargetProfilesEntity>();
    public DbSet<JobRunEntity> JobRuns => Set<JobRunEntity>();
    public DbSet<JobBatchEntity> JobBatches => Set<JobBatchEntity>();
    public DbSet<ModuleFeedbackEntity> ModuleFeedback => Set<ModuleFeedbackEntity>();
    public DbSet<CredentialEntity> Credentials => Set<CredentialEntity>();
    public DbSet<CredentialKeyEntity> CredentialKeys => Set<CredentialKeyEntity>();
    public DbSet<CourseRosterEntity> CourseRosters => Set<CourseRosterEntity>();
    public DbSet<AttachedItemEntity> AttachedItems => Set<AttachedItemEntity>();

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

    /// <summary>
    /// Begins a transaction that also holds the tool-wide lock <paramref name="name"/> until it ends, on every node: for a
    /// check-then-write that no unique index can guard (a rule over several rows). SQLite's transactions are already writers from
    /// the start (BEGIN IMMEDIATE, one writer per database); PostgreSQL takes a transaction-scoped advisory lock on the name.
    /// </summary>
    public async Task<IDbContextTransaction> BeginLockedAsync(string name, CancellationToken ct)
    {
        var transaction = await Database.BeginTransactionAsync(ct);
        if (!OnSqlite)
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({name}))", ct);
        return transaction;
    }

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


    /// <summary>
    /// Runs one hand-written statement on this context's connection (and transaction, if any), with the values
    /// bound as @p0, @p1, …, and hands the command to <paramref name="run"/>. For the few statements where EF's command pipeline
    /// cost more than the statement itself (the launch path); <see cref="ExecuteAsync"/> runs through it wherever
    /// <see cref="SqliteStatements"/> does not apply. Everything else goes through EF.
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

    /// <summary>
    /// Runs one hand-written statement as <see cref="RunAsync"/> does; answers the rows it changed. On SQLite the statement is
    /// compiled once per pooled connection and kept (<see cref="SqliteStatements"/>).
    /// </summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        if (!OnSqlite || !SqliteStatements.CanBind(values))
            return await RunAsync(sql, static (command, token) => command.ExecuteNonQueryAsync(token), ct, values);
        await Database.OpenConnectionAsync(ct);
        try
        {
            return SqliteStatements.ExecuteMany((SqliteConnection)Database.GetDbConnection(), sql, [values], ct);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs one hand-written query (parameters @p0, @p1, …) as <see cref="RunAsync"/> does; answers its rows, each mapped by
    /// <paramref name="read"/>. On SQLite the query is compiled once per pooled connection and kept (<see cref="SqliteStatements"/>):
    /// for the reads of the page every launch lands on, where compiling EF's SQL again on every execution, and EF's
    /// materialisation around it, were most of what they cost.
    /// </summary>
    public async Task<List<T>> ReadAsync<T>(string sql, Func<SqlRow, T> read, CancellationToken ct, params object?[] values)
    {
        if (!OnSqlite || !SqliteStatements.CanBind(values))
        {
            return await RunAsync(sql, async (command, token) =>
            {
                await using var reader = await command.ExecuteReaderAsync(token);
                var row = new SqlRow(reader);
                var rows = new List<T>();
                while (await reader.ReadAsync(token))
                    rows.Add(read(row));
                return rows;
            }, ct, values);
        }
        await Database.OpenConnectionAsync(ct);
        try
        {
            return SqliteStatements.Read((SqliteConnection)Database.GetDbConnection(), sql, values, read, ct);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    private const int StatementsPerBatch = 500;

    /// <summary>
    /// Inserts many rows into one table: <paramref name="values"/> holds each row's values in <paramref name="columns"/> order
    /// (times as <see cref="StoreValue"/> gives them), <paramref name="suffix"/> ends the statement (e.g. "ON CONFLICT DO
    /// NOTHING"). For the nightly job's bulk writes, where EF's per-entity change tracking cost more than the rows: SQLite runs one
    /// prepared single-row statement per row (binding a statement of hundreds of parameters by name is quadratic there);
    /// PostgreSQL gets one statement whose parameters are one array per column, unnested into rows
    /// (<c>INSERT … SELECT … FROM unnest(@p0, @p1, …)</c>): a multi-row VALUES list of 500 rows was thousands of parameters the
    /// server parsed and bound on every statement, half of what it spent on the rows. Runs in the current transaction, or in one
    /// of its own.
    /// </summary>
    public async Task InsertRowsAsync(string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> values, string suffix, CancellationToken ct)
    {
        if (values.Count == 0)
            return;
        var head = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) ";
        if (OnSqlite)
        {
            await ExecuteManyAsync(head + "VALUES " + Tuple(0, columns.Count) + " " + suffix, values, ct);
            return;
        }
        var selected = new List<string>(columns.Count);
        var arrays = new List<object?>(columns.Count);
        for (var column = 0; column < columns.Count; column++)
        {
            if (ColumnArray(values, column) is { } array)
            {
                selected.Add("u.c" + arrays.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                arrays.Add(array);
            }
            else
            {
                selected.Add("NULL"); // no value in any row: its type is the column's, which an array of nulls would not know
            }
        }
        var unnest = string.Join(", ", Enumerable.Range(0, arrays.Count).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var names = string.Join(", ", Enumerable.Range(0, arrays.Count).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await ExecuteManyAsync($"{head}SELECT {string.Join(", ", selected)} FROM unnest({unnest}) AS u({names}) {suffix}", [arrays.ToArray()], ct);
    }

    /// <summary>
    /// One column of the rows as a typed array (string[], int?[], DateTimeOffset[] …), which Npgsql sends as a PostgreSQL array
    /// of the matching type; null when every row's value is null.
    /// </summary>
    private static Array? ColumnArray(IReadOnlyList<object?[]> rows, int column)
    {
        var type = rows.Select(r => r[column]).FirstOrDefault(v => v is not null)?.GetType();
        if (type is null)
            return null;
        if (type.IsValueType && rows.Any(r => r[column] is null))
            type = typeof(Nullable<>).MakeGenericType(type);
        // One generic fill per column, not Array.SetValue per value: millions of values in a full rebuild.
        return (Array)FillMethod.MakeGenericMethod(type).Invoke(null, [rows, column])!;
    }

    private static readonly System.Reflection.MethodInfo FillMethod =
        typeof(LtiPdDbContext).GetMethod(nameof(Fill), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static T[] Fill<T>(IReadOnlyList<object?[]> rows, int column)
    {
        var array = new T[rows.Count];
        for (var i = 0; i < array.Length; i++)
            array[i] = (T)rows[i][column]!;
        return array;
    }

    private static string Tuple(int first, int count) =>
        "(" + string.Join(", ", Enumerable.Range(first, count).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";

    /// <summary>
    /// On PostgreSQL, makes the current transaction compress large values (the nightly job's JSON snapshots) with lz4 instead of
    /// the default pglz, when the server was built with it: pglz was most of what the server spent writing a teacher's result.
    /// The setting is the session's own (<c>set_config(…, true)</c> ends with the transaction) and changes only how new values
    /// are stored; values of either method are read alike. One statement that asks the server itself, so nothing is remembered
    /// about a server another connection string may not share. Does nothing on SQLite or without a transaction.
    /// </summary>
    public async Task PreferFastCompressionAsync(CancellationToken ct)
    {
        if (OnSqlite || Database.CurrentTransaction is null)
            return;
        await Database.ExecuteSqlRawAsync(
            """
            SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings
            WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)
            """, ct);
    }

    /// <summary>
    /// On PostgreSQL, gathers planner statistics (ANALYZE) for those of <paramref name="tables"/> that have none yet or have grown
    /// more than fourfold since they were gathered. A table without statistics makes the planner take "platform and deployment" for
    /// one row, and statistics of a table a tenth its size make 200 people look like all of it: either way a batch's lookup of
    /// 200 people became a scan of the whole deployment, quadratic in a job that fills the table from empty (the profile points
    /// and results of a first full recompute), as autovacuum analyses only once a minute. Re-analysing at each fourfold growth
    /// costs a handful of ANALYZEs of a 30,000-row sample over a whole run and keeps every estimate within a factor of four, close
    /// enough for the planner to look 200 people up by the index.
    /// </summary>
    public async Task EnsureStatisticsAsync(IReadOnlyList<string> tables, CancellationToken ct)
    {
        if (OnSqlite)
            return;
        // Looked at no more than once a second per process: a table doubles far more slowly than that.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _statisticsCheckedAt);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _statisticsCheckedAt, now, last) != last)
            return;
        var stale = await Database.SqlQueryRaw<string>(
                """
                SELECT c.relname AS "Value" FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY({0}) AND pg_stat_get_live_tuples(c.oid) > 0
                AND (c.reltuples < 0 OR pg_stat_get_live_tuples(c.oid) > 4 * c.reltuples + 10000)
                """, [tables.ToArray()])
            .ToListAsync(ct);
        foreach (var table in stale)
        {
            var analyze = "ANALYZE \"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""; // a table name from the caller's code, quoted
            await Database.ExecuteSqlRawAsync(analyze, ct);
        }
    }

    private static long _statisticsCheckedAt = long.MinValue / 2;

    /// <summary>
    /// Runs one statement (parameters @p0, @p1, …) once per entry of <paramref name="values"/>: prepared once and re-bound on
    /// SQLite, sent in batches (one round trip per few hundred) where the provider batches (PostgreSQL). Runs in the current
    /// transaction, or in one of its own, so that a failure leaves none of the rows.
    /// </summary>
    public async Task ExecuteManyAsync(string sql, IReadOnlyList<object?[]> values, CancellationToken ct)
    {
        if (values.Count == 0)
            return;
        await Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
            var connection = Database.GetDbConnection();
            var current = Database.CurrentTransaction!.GetDbTransaction();
            if (connection.CanCreateBatch)
            {
                foreach (var chunk in values.Chunk(StatementsPerBatch))
                {
                    await using var batch = connection.CreateBatch();
                    batch.Transaction = current;
                    foreach (var row in chunk)
                    {
                        var command = batch.CreateBatchCommand();
                        command.CommandText = sql;
                        Bind(row, command.CreateParameter, command.Parameters);
                        batch.BatchCommands.Add(command);
                    }
                    await batch.ExecuteNonQueryAsync(ct);
                }
            }
            else if (connection is SqliteConnection sqlite && SqliteStatements.CanBind(values))
            {
                SqliteStatements.ExecuteMany(sqlite, sql, values, ct);
            }
            else
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Transaction = current;
                Bind(values[0], command.CreateParameter, command.Parameters);
                await command.PrepareAsync(ct);
                foreach (var row in values)
                {
                    for (var i = 0; i < row.Length; i++)
                        command.Parameters[i].Value = row[i] ?? DBNull.Value;
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            if (transaction is not null)
                await transaction.CommitAsync(ct);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    private static void Bind(object?[] row, Func<DbParameter> create, DbParameterCollection parameters)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var parameter = create();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = row[i] ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }

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
