using System.Diagnostics;
using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Platforms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Benchmarks;

/// <summary>
/// Outbox throughput: <see cref="Scores"/> due grades sent to the platform simulator over real HTTP, each AGS call answered
/// after 20 ms (a nearby LMS), by the tool's own dispatcher with its default batch size and per-platform concurrency, on a real
/// SQLite file. Both run in this process on Kestrel at 127.0.0.1. The time per operation is the time per score; the rate is
/// printed after each iteration.
/// </summary>
[MemoryDiagnoser]
public class GradeDeliveryBenchmarks
{
    private const int Scores = 2_000;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private PlatformSimulatorHost _simulator = null!;
    private WebApplicationFactory<Program> _tool = null!;
    private string _database = "";
    private GradeDispatcher _dispatcher = null!;
    private IReadOnlyList<SimUser> _learners = [];
    private int _platformId;
    private int _round;
    private readonly Stopwatch _watch = new();

    // Synchronous on purpose: the in-process toolchain of BenchmarkDotNet 0.14 does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _simulator = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        var platform = _simulator.Platform;
        _learners = platform.AddLearners(Scores);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LTIPD_WEB", AppContext.BaseDirectory);
        _database = Path.Combine(Path.GetTempPath(), $"ltipd-bench-{Guid.NewGuid():N}.db");
        _tool = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseBenchSettings("http://127.0.0.1");
            b.UseSetting("Database:ConnectionString", $"Data Source={_database}");
            b.UseSetting("Admin:Secret", "bench-admin-secret-0123456789");
            b.UseSetting("Logging:LogLevel:Default", "Error");
            // The benchmark drives the dispatcher's rounds itself, so no poll interval is measured.
            b.UseSetting("Grades:DispatcherEnabled", "false");
        });
        // The simulator checks the tool's client assertions against its JWKS, so the tool needs a real address.
        _tool.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _tool.StartServer();
        var toolUrl = new Uri(_tool.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        platform.Tool = new ToolRegistration
        {
            LoginInitiationUrl = new Uri(toolUrl, "lti/login"),
            LaunchUrl = new Uri(toolUrl, "lti/launch"),
            DeepLinkingUrl = new Uri(toolUrl, "lti/deeplink"),
            JwksUrl = new Uri(toolUrl, "lti/jwks"),
        };
        await using var scope = _tool.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>().AddAsync(new PlatformInput(
            platform.Issuer, platform.ClientId, platform.AuthUrl.AbsoluteUri, platform.TokenUrl.AbsoluteUri, platform.JwksUrl.AbsoluteUri, [platform.DeploymentId]), CancellationToken.None);
        if (errors.Count > 0)
            throw new InvalidOperationException(string.Join("; ", errors));
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        _platformId = await db.Platforms.Where(p => p.Issuer == platform.Issuer).Select(p => p.Id).SingleAsync();
        _dispatcher = _tool.Services.GetRequiredService<GradeDispatcher>();
        platform.Faults.Latency = Latency;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tool.Dispose();
        _simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        BenchSettings.DeleteSqlite(_database);
    }

    /// <summary>A fresh set of due grades, one per learner, newer than the last round's (Moodle keeps only newer scores).</summary>
    [IterationSetup]
    public void Seed() => SeedAsync().GetAwaiter().GetResult();

    private async Task SeedAsync()
    {
        _simulator.Platform.Recorder.Clear();
        var round = ++_round;
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        await using var scope = _tool.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        for (var i = 0; i < _learners.Count; i++)
        {
            var user = _learners[i];
            var id = string.Create(CultureInfo.InvariantCulture, $"bench-{round}-{i}");
            db.Attempts.Add(new AttemptEntity
            {
                Id = id, PlatformId = _platformId, DeploymentId = _simulator.Platform.DeploymentId, ContextId = _simulator.Platform.Course.Id,
                UserId = user.Sub, UserName = user.Name, InstrumentCode = "bench", InstrumentVersion = 1, Status = (int)AttemptStatus.Submitted,
                StartedAt = now, UpdatedAt = now, SubmittedAt = now, ScoreGiven = i % 40, ScoreMaximum = 40, GradingComplete = true,
            });
            db.GradeDeliveries.Add(new GradeDeliveryEntity
            {
                AttemptId = id, PlatformId = _platformId, DeploymentId = _simulator.Platform.DeploymentId, ContextId = _simulator.Platform.Course.Id,
                LineItemsUrl = _simulator.Platform.LineItemsUrl.AbsoluteUri, ResourceId = "bench", Label = "Benchmark", UserId = user.Sub,
                ScoreGiven = i % 40, ScoreMaximum = 40, GradingProgress = (int)LtiPD.Lti.Services.Ags.GradingProgress.FullyGraded, Timestamp = now, Status = (int)DeliveryStatus.Pending, NextAttemptAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    [Benchmark(Description = "outbox → AGS scores (20 ms per call), per score", OperationsPerInvoke = Scores)]
    [InvocationCount(1, 1)]
    public async Task<int> DeliverOutbox()
    {
        _watch.Restart();
        while (await _dispatcher.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
        _watch.Stop();
        var received = _simulator.Platform.Recorder.Calls.Count(c => c.Status == 200 && c.PathAndQuery.Contains("/scores", StringComparison.Ordinal));
        if (received != Scores)
            throw new InvalidOperationException($"The simulator took {received} scores, not {Scores}.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// GradeDelivery: {Scores} scores in {_watch.Elapsed.TotalMilliseconds:F0} ms = {Scores / _watch.Elapsed.TotalSeconds:F0} scores/s"));
        return received;
    }
}
