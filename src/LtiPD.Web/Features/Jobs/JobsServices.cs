using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using LtiPD.Data;
using LtiPD.Web.Features.Admin;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LtiPD.Web.Features.Jobs;

public static class JobsServices
{
    /// <summary>Where the Hangfire dashboard is mounted, under the admin pages.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>The PostgreSQL schema of Hangfire's tables, beside the tool's own in the same database.</summary>
    public const string PostgreSqlSchema = "hangfire";

    /// <summary>
    /// The job runner with the housekeeping job, and Hangfire on the tool's own database (Database:Provider) when
    /// Jobs:Enabled: its storage, the recurring schedules and, when Jobs:Server, a server that runs jobs in this process.
    /// </summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddScoped<JobHistory>();
        builder.Services.AddBatchedJob<HousekeepingJob>();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (!jobs.Enabled)
            return builder;

        // Registered before AddHangfire, which only adds these when missing: Hangfire's defaults are process-wide statics
        // (JobStorage.Current, JobActivator.Current), and every host in a process (tests run several) needs its own.
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            // Hangfire's configuration (its log provider among it) is applied before the storage logs its first line.
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        });
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogs(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddScoped<JobTrigger>();
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        if (jobs.Server)
        {
            builder.Services.AddHangfireServer((sp, server) =>
            {
                var o = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = o.WorkerCount;
                server.SchedulePollingInterval = o.SchedulePollingInterval;
                server.ServerName = sp.GetRequiredService<JobRunner>().Node;
            });
        }
        return builder;
    }

    /// <summary>The Hangfire dashboard at /admin/jobs, for a signed-in administrator only (when Jobs:Enabled).</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        if (app.Services.GetService<JobStorage>() is null)
            return app;
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            AppPath = "/admin",
            DashboardTitle = "LtiPD jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(AdminAccess.Policy);
        return app;
    }

    private static JobStorage CreateStorage(DatabaseOptions database, JobsOptions jobs) => database.Provider switch
    {
        DatabaseProvider.PostgreSql => PostgreSql(database.ConnectionString, jobs),
        _ => new SQLiteStorage(HangfireSqliteFile(database.ConnectionString), new SQLiteStorageOptions
        {
            QueuePollInterval = jobs.QueuePollInterval,
            InvisibilityTimeout = jobs.LeaseTimeout > TimeSpan.FromMinutes(5) ? jobs.LeaseTimeout : TimeSpan.FromMinutes(5),
        }),
    };

    /// <summary>
    /// Hangfire's SQLite tables live in a file beside the tool's (ltipd.db → ltipd.hangfire.db), created on start. Hangfire
    /// polls its queue and heartbeats through its own SQLite library with its own connections; in the tool's file those
    /// writes would queue behind, and hold up, the launch path's writes. Backups take both files.
    /// </summary>
    public static string HangfireSqliteFile(string connectionString)
    {
        var dataSource = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return Path.Combine(Path.GetDirectoryName(dataSource)!, Path.GetFileNameWithoutExtension(dataSource) + ".hangfire.db");
    }

    private static PostgreSqlStorage PostgreSql(string connectionString, JobsOptions jobs)
    {
        EnsureSchema(connectionString);
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgreSqlSchema,
            QueuePollInterval = jobs.QueuePollInterval,
            // A job whose server stopped is handed to another server after this long; while it runs, its server keeps it.
            InvisibilityTimeout = jobs.LeaseTimeout,
            UseSlidingInvisibilityTimeout = true,
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options, null), options);
    }

    /// <summary>
    /// Nodes starting together on an empty database race on Hangfire's CREATE SCHEMA; the schema is made here first, and a
    /// node that loses this race (a duplicate name) finds the schema there.
    /// </summary>
    private static void EnsureSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{PostgreSqlSchema}\"", connection);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
        {
            // another node created it a moment ago
        }
    }
}
