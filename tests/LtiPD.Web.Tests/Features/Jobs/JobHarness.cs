using LtiPD.Data;
using LtiPD.Web.Features.Jobs;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Tests.Features.Jobs;

/// <summary>
/// The job runner over a real, migrated database without a web host: a SQLite file, or a fresh PostgreSQL database when
/// <paramref name="postgres"/> names a server; the tool's own data services, the given jobs, and as many runners
/// ("nodes") as a test asks for, each with its own node name.
/// </summary>
internal sealed class JobHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestPostgresDatabase? _postgres;

    private JobHarness(ServiceProvider services, TestPostgresDatabase? postgres) => (_services, _postgres) = (services, postgres);

    public static async Task<JobHarness> StartAsync(Action<IServiceCollection> jobs, TimeSpan? lease = null, int batchSize = 5, string? postgres = null)
    {
        var database = postgres is null ? null : await TestPostgresDatabase.CreateAsync(postgres);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database is null ? "Sqlite" : "PostgreSql",
            ["Database:ConnectionString"] = database?.ConnectionString ?? $"Data Source={TempFiles.NewDatabaseFile()}",
            ["Jobs:LeaseTimeout"] = (lease ?? TimeSpan.FromMinutes(5)).ToString(),
            ["Jobs:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System);
        services.AddLtiPdData();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        jobs(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<LtiPdDbContext>().Database.MigrateAsync();
        return new JobHarness(provider, database);
    }

    public IServiceProvider Services => _services;

    /// <summary>A runner of its own: another node, as far as leases and claims go; <paramref name="time"/> drives its heartbeats.</summary>
    public JobRunner NewNode(TimeProvider? time = null) => new(
        _services.GetRequiredService<IServiceScopeFactory>(), _services.GetRequiredService<IOptions<JobsOptions>>(), time ?? TimeProvider.System,
        _services.GetRequiredService<ILogger<JobRunner>>());

    public async Task<T> WithDbAsync<T>(Func<LtiPdDbContext, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LtiPdDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _postgres?.Dispose();
    }
}
