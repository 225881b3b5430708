using System.Diagnostics;
using System.Globalization;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Features.Jobs;
using LtiPD.Web.Features.Platforms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Benchmarks;

/// <summary>
/// Issue 11's synthetic institution: N teachers (default 100,000), two submitted attempts each over two years (the shipped
/// self-assessment and knowledge test, ten answers each: 2,000,000 responses at the default size), a stated situation for every
/// teacher and barrier answers for a third. Measures, in one process on this machine, the nightly job's full recompute (plan,
/// every batch, the aggregates), an incremental run after 1 % of the teachers answered the questionnaire again, the dashboards'
/// reads, and the peak working set.
/// dotnet run -c Release --project bench/LtiPD.Benchmarks -- development [teachers] [postgres-connection-string]
/// </summary>
public static class DevelopmentRecomputeRun
{
    private const int ResponsesPerAttempt = 10;

    public static void Run(int teachers, string? postgres) => RunAsync(teachers, postgres).GetAwaiter().GetResult();

    private static async Task RunAsync(int teachers, string? postgres)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LTIPD_WEB", AppContext.BaseDirectory);
        var database = Path.Combine(Path.GetTempPath(), $"ltipd-bench-dev-{Guid.NewGuid():N}.db");
        using var tool = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseBenchSettings("https://tool.bench.example");
            if (postgres is null)
            {
                b.UseSetting("Database:ConnectionString", $"Data Source={database}");
            }
            else
            {
                b.UseSetting("Database:Provider", "PostgreSql");
                b.UseSetting("Database:ConnectionString", postgres);
            }
            b.UseSetting("Admin:Secret", "bench-admin-secret-0123456789");
            b.UseSetting("Jobs:Server", "false");
            b.UseSetting("Logging:LogLevel:Default", "Error");
        });
        _ = tool.Server;
        Console.WriteLine($"{teachers:N0} teachers on {(postgres is null ? "SQLite " + database : "PostgreSQL")}");

        var watch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        await SeedAsync(tool.Services, teachers, started);
        Console.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:0.0} s");

        var full = await RunJobAsync(tool.Services, new JobRunContext(1, NightlyDevelopmentJob.JobName, true, started, null));
        Console.WriteLine($"full recompute: {full.Planned:N0} teachers, {full.Changed:N0} changed, {full.Elapsed.TotalSeconds:0.0} s (plan {full.Plan.TotalSeconds:0.0} s, batches {full.Batches.TotalSeconds:0.0} s, aggregates {full.Finish.TotalSeconds:0.0} s)");

        var later = DateTimeOffset.UtcNow;
        await ChangeOnePercentAsync(tool.Services, teachers, later);
        var incremental = await RunJobAsync(tool.Services, new JobRunContext(2, NightlyDevelopmentJob.JobName, false, DateTimeOffset.UtcNow, later));
        Console.WriteLine($"incremental after 1 %: {incremental.Planned:N0} teachers, {incremental.Changed:N0} changed, {incremental.Elapsed.TotalSeconds:0.00} s (plan {incremental.Plan.TotalSeconds:0.00} s, batches {incremental.Batches.TotalSeconds:0.00} s, aggregates {incremental.Finish.TotalSeconds:0.00} s)");

        await using (var scope = tool.Services.CreateAsyncScope())
        {
            var aggregates = scope.ServiceProvider.GetRequiredService<DevelopmentAggregates>();
            var platformId = await scope.ServiceProvider.GetRequiredService<LtiPdDbContext>().Platforms.Select(p => p.Id).FirstAsync();
            var reads = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var read = Stopwatch.StartNew();
                await aggregates.GroupAsync(platformId, new GroupKey(GroupKind.Institution, DevelopmentAggregation.Institution), 12, default);
                await aggregates.GroupsAsync(platformId, GroupKind.CareerStage, default);
                await aggregates.GroupsAsync(platformId, GroupKind.Department, default);
                await aggregates.GroupAsync(platformId, new GroupKey(GroupKind.Course, DevelopmentAggregation.CourseKey("d1", "course-1")), 12, default);
                reads.Add(read.Elapsed.TotalMilliseconds);
            }
            reads.Sort();
            Console.WriteLine($"dashboard reads (institution, stages, departments, one course): median {reads[reads.Count / 2]:0.0} ms, worst {reads[^1]:0.0} ms");
        }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
        if (postgres is null)
            File.Delete(database);
    }

    private sealed record Timing(int Planned, int Changed, TimeSpan Plan, TimeSpan Batches, TimeSpan Finish)
    {
        public TimeSpan Elapsed => Plan + Batches + Finish;
    }

    /// <summary>The job as one node runs it: plan, batches of Jobs:BatchSize in order, then the aggregates.</summary>
    private static async Task<Timing> RunJobAsync(IServiceProvider services, JobRunContext run)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<string> keys;
        await using (var scope = services.CreateAsyncScope())
            keys = await Job(scope).PlanAsync(run, default);
        var plan = watch.Elapsed;
        watch.Restart();
        var changed = 0;
        foreach (var batch in keys.Chunk(200))
        {
            await using var scope = services.CreateAsyncScope();
            changed += await Job(scope).RunBatchAsync(batch, run, default);
        }
        var batches = watch.Elapsed;
        watch.Restart();
        await using (var scope = services.CreateAsyncScope())
            await Job(scope).FinishAsync(run, default);
        return new Timing(keys.Count, changed, plan, batches, watch.Elapsed);
    }

    private static IBatchedJob Job(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetServices<IBatchedJob>().Single(j => j.Name == NightlyDevelopmentJob.JobName);

    private static async Task SeedAsync(IServiceProvider services, int teachers, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var errors = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>().AddAsync(new PlatformInput(
            "https://lms.bench.example", "bench-client", "https://lms.bench.example/auth", "https://lms.bench.example/token",
            "https://lms.bench.example/jwks", ["d1"]), default);
        if (errors.Count > 0)
            throw new InvalidOperationException(string.Join("; ", errors));
        var platformId = await db.Platforms.Select(p => p.Id).FirstAsync();
        var catalog = scope.ServiceProvider.GetRequiredService<AssessmentCatalog>();
        var instruments = new[] { await catalog.FindLatestAsync("social-self-assessment", default), await catalog.FindLatestAsync("pedagogy-and-subject-test", default) };
        // Five answer patterns per instrument, scored by the real scoring plan, so teachers differ in level.
        var records = instruments.Select(i => Enumerable.Range(0, 5).Select(p => Record(i!, p, now)).ToArray()).ToArray();

        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        var random = new Random(11);
        await using var situation = Command(connection, transaction, "INSERT INTO teacher_situations (\"PlatformId\",\"DeploymentId\",\"UserId\",\"YearsTeaching\",\"Position\",\"Training\",\"PreferredForm\",\"HoursPerWeek\",\"Department\",\"UpdatedAt\") VALUES (@p0,@p1,@p2,@p3,NULL,1,NULL,@p4,@p5,@p6)", 7);
        await using var attempt = Command(connection, transaction, "INSERT INTO attempts (\"Id\",\"PlatformId\",\"DeploymentId\",\"ContextId\",\"UserId\",\"InstrumentCode\",\"InstrumentVersion\",\"Status\",\"StartedAt\",\"UpdatedAt\",\"SubmittedAt\",\"GradingComplete\",\"ResultRecord\") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,1,@p7,@p7,@p7,TRUE,@p8)", 9);
        await using var response = Command(connection, transaction, "INSERT INTO responses (\"AttemptId\",\"ItemCode\",\"LikertValue\",\"UpdatedAt\") VALUES (@p0,@p1,@p2,@p3)", 4);
        await using var answers = Command(connection, transaction, "INSERT INTO barrier_answers (\"Id\",\"PlatformId\",\"DeploymentId\",\"UserId\",\"At\",\"Answers\") VALUES (@p0,@p1,@p2,@p3,@p4,@p5)", 6);
        for (var t = 0; t < teachers; t++)
        {
            var user = "u" + t.ToString(CultureInfo.InvariantCulture);
            var course = "course-" + (t % 2000).ToString(CultureInfo.InvariantCulture);
            await ExecAsync(situation, platformId, "d1", user, random.Next(0, 35), 2 + random.Next(0, 6), "dept-" + (t % 40).ToString(CultureInfo.InvariantCulture), Store(db, now));
            for (var i = 0; i < instruments.Length; i++)
            {
                var id = $"{user}-{i}";
                var at = now.AddDays(-random.Next(0, 730));
                await ExecAsync(attempt, id, platformId, "d1", course, user, instruments[i]!.Instrument.Code, instruments[i]!.Instrument.Version, Store(db, at),
                    records[i][random.Next(records[i].Length)]);
                var items = instruments[i]!.Instrument.Items;
                for (var r = 0; r < ResponsesPerAttempt; r++)
                    await ExecAsync(response, id, items[r % items.Count].Code + (r >= items.Count ? "-" + r.ToString(CultureInfo.InvariantCulture) : ""), 1 + random.Next(5), Store(db, at));
            }
            if (t % 3 == 0)
                await ExecAsync(answers, $"b{t}", platformId, "d1", user, Store(db, now.AddDays(-random.Next(0, 365))),
                    BarrierAnswersJson.Write(new Dictionary<DeclaredBarrier, int> { [DeclaredBarrier.ScheduleConflict] = 1 + random.Next(4), [DeclaredBarrier.NoIncentives] = 1 + random.Next(4) }, ["evening courses on assessment"]));
        }
        await transaction.CommitAsync();
    }

    private static async Task ChangeOnePercentAsync(IServiceProvider services, int teachers, DateTimeOffset at)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var platformId = await db.Platforms.Select(p => p.Id).FirstAsync();
        for (var t = 0; t < teachers; t += 100)
        {
            db.BarrierAnswers.Add(new BarrierAnswersEntity
            {
                Id = $"again-{t}", PlatformId = platformId, DeploymentId = "d1", UserId = "u" + t.ToString(CultureInfo.InvariantCulture), At = at,
                Answers = BarrierAnswersJson.Write(new Dictionary<DeclaredBarrier, int> { [DeclaredBarrier.FamilyResponsibilities] = 4 }, []),
            });
        }
        await db.SaveChangesAsync();
    }

    private static string Record(CatalogInstrument instrument, int pattern, DateTimeOffset at)
    {
        var responses = instrument.Instrument.Items.Select((item, n) => new ResponseEntity
        {
            AttemptId = "pattern",
            ItemCode = item.Code,
            LikertValue = item.Options.Count == 0 ? 1 + (n + pattern) % 5 : null,
            SelectedOptions = item.Options.Count == 0 ? null : item.Options[(n + pattern) % item.Options.Count].Code,
        });
        var score = instrument.Plan.Score(Attempts.ToAnswers(responses));
        return ResultRecord.Of(instrument, score, RecordStage.Submitted, at).ToJson();
    }

    private static object Store(LtiPdDbContext db, DateTimeOffset at) => db.StoreValue(at);

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
        }
        return command;
    }

    private static async Task ExecAsync(System.Data.Common.DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync();
    }
}
