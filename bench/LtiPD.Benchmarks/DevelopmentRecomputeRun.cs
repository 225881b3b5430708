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
/// Issue 11's synthetic institution: N teachers (default 100,000) and 40 competencies (<see cref="SyntheticFramework"/>), two
/// submitted attempts each over two years (two of the four synthetic self-assessments, ten answers each: 2,000,000 responses at
/// the default size), a stated situation for every teacher and barrier answers for a third. Measures, in one process on this machine, the nightly job's full recompute (plan,
/// every batch, the aggregates), an incremental run after 1 % of the teachers answered the questionnaire again, the dashboards'
/// reads, and the peak working set.
/// dotnet run -c Release --project bench/LtiPD.Benchmarks -- development [teachers] [postgres-connection-string] [seed|only-seed|seeded]
/// <para>
/// Seeding 100,000 teachers on PostgreSQL takes a minute; for repeated measurements seed once with <c>only-seed</c> into a
/// database kept as a template, and run each measurement with <c>seeded</c> on a copy of it (<c>CREATE DATABASE … TEMPLATE …</c>),
/// so every run starts from the same freshly seeded state.
/// </para>
/// </summary>
public static class DevelopmentRecomputeRun
{
    private const int AttemptsPerTeacher = 2;

    /// <summary>Whether a run seeds the institution and measures (<c>Seed</c>), only seeds (<c>OnlySeed</c>), or measures a database seeded before (<c>Seeded</c>).</summary>
    public enum Seeding
    {
        Seed,
        OnlySeed,
        Seeded,
    }

    public static void Run(int teachers, string? postgres, Seeding seeding = Seeding.Seed) => RunAsync(teachers, postgres, seeding).GetAwaiter().GetResult();

    private static async Task RunAsync(int teachers, string? postgres, Seeding seeding)
    {
        if (seeding != Seeding.Seed && postgres is null)
            throw new ArgumentException("Seeding once and measuring later needs a PostgreSQL database (the SQLite file is temporary).");
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

        if (seeding != Seeding.Seeded)
        {
            var watch = Stopwatch.StartNew();
            await SeedAsync(tool.Services, teachers, DateTimeOffset.UtcNow);
            Console.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:0.0} s");
            if (seeding == Seeding.OnlySeed)
                return;
        }
        // The seeding is the benchmark's, not the tool's: each run's memory is measured from its start.
        using var memory = new MemoryWatch();
        memory.Take(seeding == Seeding.Seeded ? "the start" : "the seeding");

        var full = await RunJobAsync(tool.Services, fullRebuild: true);
        Report("full recompute", full);
        memory.Take("the full recompute");

        // The same work again from scratch in a process that has run the job before, as the tool's long-running process does every
        // night after the first: the first run above also pays for compiling the job's code (the JIT's tiers; about a tenth of it).
        await ForgetResultsAsync(tool.Services, postgres is not null);
        var warmed = await RunJobAsync(tool.Services, fullRebuild: true);
        Report("full recompute, warmed process", warmed);
        memory.Take("the full recompute, warmed process");

        var later = DateTimeOffset.UtcNow;
        await ChangeOnePercentAsync(tool.Services, teachers, later);
        var incremental = await RunJobAsync(tool.Services, fullRebuild: false);
        Report("incremental after 1 %", incremental);
        memory.Take("the incremental after 1 %");

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
            var institution = await aggregates.GroupAsync(platformId, new GroupKey(GroupKind.Institution, DevelopmentAggregation.Institution), 1, default);
            Console.WriteLine($"institution: {institution?.Teachers:N0} teachers, {institution?.Heat.Select(h => h.CompetencyCode).Distinct().Count()} competencies in the heatmap");
            Console.WriteLine($"dashboard reads (institution, stages, departments, one course): median {reads[reads.Count / 2]:0.0} ms, worst {reads[^1]:0.0} ms");
        }
        memory.Take("the dashboard reads");
        Console.WriteLine($"peak working set of the runs: {memory.LargestPeakMiB:N0} MiB");
        if (postgres is null)
            BenchSettings.DeleteSqlite(database);
    }

    private static long PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1024 / 1024;
    }

    /// <summary>
    /// Starts the process's peak resident set (VmHWM, what <see cref="Process.PeakWorkingSet64"/> reads on Linux) again from
    /// the current one: writing 5 to /proc/self/clear_refs does that (proc(5)). Elsewhere each peak is the process's since it started.
    /// </summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine("  (/proc/self/clear_refs is not writable here: each peak working set is the process's since it started)");
        }
    }

    /// <summary>Deletes everything the job derives (never the evidence), so that the next full run starts as the first did.</summary>
    private static async Task ForgetResultsAsync(IServiceProvider services, bool postgres)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        if (postgres)
        {
            await db.Database.ExecuteSqlRawAsync("TRUNCATE profile_point_sets, teacher_development, development_folds, route_history, development_aggregates");
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM profile_point_sets; DELETE FROM teacher_development; DELETE FROM development_folds;
            DELETE FROM route_history; DELETE FROM development_aggregates;
            """);
    }

    private sealed record Timing(int Planned, int Changed, int Batches, TimeSpan Elapsed, TimeSpan Finish, TimeSpan Cpu)
    {
        public TimeSpan PlanAndBatches => Elapsed - Finish;
    }

    /// <summary>
    /// The job as a node runs it: <see cref="JobRunner"/> plans, works the batches (Jobs:BatchSize keys each, Jobs:BatchWorkers at
    /// once) and folds the aggregates; the run's row says how long the finishing took.
    /// </summary>
    private static async Task<Timing> RunJobAsync(IServiceProvider services, bool fullRebuild)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runId = await services.GetRequiredService<JobRunner>().RunAsync(NightlyDevelopmentJob.JobName, fullRebuild, default);
        var elapsed = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        if (run.State != JobRunState.Succeeded)
            throw new InvalidOperationException($"Run {runId} ended {run.State}: {run.Error}");
        var lastBatch = (await db.JobBatches.AsNoTracking().Where(b => b.RunId == runId).Select(b => b.FinishedAt).ToListAsync()).Max() ?? run.StartedAt;
        return new Timing(run.PlannedItems, run.ItemsChanged, run.Batches, elapsed, run.FinishedAt!.Value - lastBatch, cpu);
    }

    /// <summary>
    /// The most memory seen since the last <see cref="Take"/>: the process's peak resident set (the kernel's), and the managed
    /// heap's size and the GC's committed memory sampled every 100 ms, which say whether a peak was the GC's heap or native
    /// memory (SQLite's caches, Npgsql's buffers).
    /// </summary>
    private sealed class MemoryWatch : IDisposable
    {
        private readonly Timer _timer;
        private long _heap;
        private long _committed;

        public MemoryWatch() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        public long LargestPeakMiB { get; private set; }

        private void Sample()
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            InterlockedMax(ref _heap, heap);
            InterlockedMax(ref _committed, committed);
            // LTIPD_BENCH_MEMORY_TIMELINE=1 prints the figures every second, to see which part of a run its peak belongs to.
            if (Timeline && Interlocked.Increment(ref _samples) % 10 == 0)
            {
                using var process = Process.GetCurrentProcess();
                Console.WriteLine($"    {DateTime.UtcNow:HH:mm:ss} working set {process.WorkingSet64 >> 20} MiB, heap {heap >> 20} MiB, committed {committed >> 20} MiB, gen0/gen2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(2)}");
            }
        }

        private static readonly bool Timeline = Environment.GetEnvironmentVariable("LTIPD_BENCH_MEMORY_TIMELINE") == "1";
        private long _samples;

        private static void InterlockedMax(ref long target, long value)
        {
            var seen = Interlocked.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
                seen = actual;
        }

        /// <summary>Prints what was seen since the last call and starts again.</summary>
        public void Take(string what)
        {
            Sample();
            var peak = PeakMiB();
            LargestPeakMiB = Math.Max(LargestPeakMiB, peak);
            Console.WriteLine($"  memory during {what}: peak working set {peak:N0} MiB, managed heap at most {Interlocked.Exchange(ref _heap, 0) / 1024 / 1024:N0} MiB, GC committed at most {Interlocked.Exchange(ref _committed, 0) / 1024 / 1024:N0} MiB");
            ResetPeakWorkingSet();
        }

        public void Dispose() => _timer.Dispose();
    }

    private static void Report(string what, Timing timing) =>
        Console.WriteLine($"{what}: {timing.Planned:N0} teachers in {timing.Batches:N0} batches, {timing.Changed:N0} changed, {timing.Elapsed.TotalSeconds:0.00} s (plan and batches {timing.PlanAndBatches.TotalSeconds:0.00} s, aggregates {timing.Finish.TotalSeconds:0.00} s); CPU of this process {timing.Cpu.TotalSeconds:0.0} s, load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");

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
        var instruments = await SyntheticFramework.StoreAsync(db, scope.ServiceProvider.GetRequiredService<AssessmentCatalog>(), now);
        // Five answer patterns per instrument, scored by the real scoring plan, so teachers differ in level.
        var records = instruments.Select(i => Enumerable.Range(0, 5).Select(p => Record(i, p, now)).ToArray()).ToArray();

        // Bulk rows (one prepared statement per table on SQLite, multi-row statements on PostgreSQL) in one transaction, flushed
        // every few thousand teachers so memory stays flat.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var random = new Random(11);
        List<object?[]> situations = [], attempts = [], responses = [], answers = [];
        for (var t = 0; t < teachers; t++)
        {
            var user = "u" + t.ToString(CultureInfo.InvariantCulture);
            var course = "course-" + (t % 2000).ToString(CultureInfo.InvariantCulture);
            situations.Add([platformId, "d1", user, random.Next(0, 35), 1, 2 + random.Next(0, 6), "dept-" + (t % 40).ToString(CultureInfo.InvariantCulture), Store(db, now)]);
            // Two of the four instruments, taken in turn (a and b, b and c, …): each teacher measures 20 competencies, every group all 40.
            for (var i = 0; i < AttemptsPerTeacher; i++)
            {
                var n = (t + i) % instruments.Count;
                var id = $"{user}-{i}";
                var at = Store(db, now.AddDays(-random.Next(0, 730)));
                attempts.Add([id, platformId, "d1", course, user, instruments[n].Instrument.Code, instruments[n].Instrument.Version, 1, at, at, at, true,
                    records[n][random.Next(records[n].Length)]]);
                foreach (var item in instruments[n].Instrument.Items)
                    responses.Add([id, item.Code, 1 + random.Next(5), at]);
            }
            if (t % 3 == 0)
                answers.Add([$"b{t}", platformId, "d1", user, Store(db, now.AddDays(-random.Next(0, 365))),
                    BarrierAnswersJson.Write(new Dictionary<DeclaredBarrier, int> { [DeclaredBarrier.ScheduleConflict] = 1 + random.Next(4), [DeclaredBarrier.NoIncentives] = 1 + random.Next(4) }, ["evening courses on assessment"])]);
            if (t % 5000 == 4999 || t == teachers - 1)
            {
                await db.InsertRowsAsync("teacher_situations", ["PlatformId", "DeploymentId", "UserId", "YearsTeaching", "Training", "HoursPerWeek", "Department", "UpdatedAt"], situations, "", default);
                await db.InsertRowsAsync("attempts", ["Id", "PlatformId", "DeploymentId", "ContextId", "UserId", "InstrumentCode", "InstrumentVersion", "Status", "StartedAt", "UpdatedAt", "SubmittedAt", "GradingComplete", "ResultRecord"], attempts, "", default);
                await db.InsertRowsAsync("responses", ["AttemptId", "ItemCode", "LikertValue", "UpdatedAt"], responses, "", default);
                await db.InsertRowsAsync("barrier_answers", ["Id", "PlatformId", "DeploymentId", "UserId", "At", "Answers"], answers, "", default);
                situations.Clear();
                attempts.Clear();
                responses.Clear();
                answers.Clear();
            }
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
}
