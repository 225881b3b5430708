using LtiPD.Data.Stores;
using LtiPD.Lti.Keys;
using LtiPD.Lti.Login;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LtiPD.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The DbContext on the configured provider, and the stores the LTI protocol needs.</summary>
    public static IServiceCollection AddLtiPdData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextPool<LtiPdDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));

        services.AddHostedService<SqliteCheckpointer>();
        services.AddSingleton<PlatformRegistrationCache>();
        services.AddScoped<IPlatformRegistry, PlatformRegistry>();
        services.AddScoped<INonceStore, NonceStore>();
        // The key ring is a singleton that outlives any request scope, so its store gets its own context.
        services.AddSingleton<IToolKeyStore>(sp => new ScopedToolKeyStore(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((o, repository) => o.XmlRepository ??= repository);
        return services;
    }

    /// <summary>The one place that knows the providers: each keeps its hand-written migrations in its own assembly.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteDirectory(database.ConnectionString);
                return options.UseSqlite(database.ConnectionString, b => b.MigrationsAssembly("LtiPD.Data.Sqlite"))
                    .AddInterceptors(SqlitePragmasInstance);
            case DatabaseProvider.PostgreSql:
                return options.UseNpgsql(database.ConnectionString, b => b.MigrationsAssembly("LtiPD.Data.PostgreSql"));
            default:
                throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                    [$"Database:Provider '{database.Provider}' is not supported; use Sqlite or PostgreSql."]);
        }
    }

    private static readonly SqlitePragmas SqlitePragmasInstance = new();

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory) && dataSource != ":memory:")
            Directory.CreateDirectory(directory);
    }

    private sealed class ScopedToolKeyStore(IServiceScopeFactory scopes) : IToolKeyStore
    {
        public async Task<IReadOnlyList<StoredToolKey>> LoadAsync(CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await Inner(scope).LoadAsync(ct);
        }

        public async Task AddAndRetireOthersAsync(StoredToolKey key, CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            await Inner(scope).AddAndRetireOthersAsync(key, ct);
        }

        public async Task DeleteRetiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            await Inner(scope).DeleteRetiredBeforeAsync(cutoff, ct);
        }

        private static ToolKeyStore Inner(AsyncServiceScope scope) => new(
            scope.ServiceProvider.GetRequiredService<LtiPdDbContext>(),
            scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>());
    }
}
