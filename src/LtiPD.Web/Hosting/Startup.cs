using LtiPD.Data;
using LtiPD.Data.Stores;
using LtiPD.Lti.Keys;
using LtiPD.Web.Features.Assessments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

public static class Startup
{
    /// <summary>Migrates the database (creating the SQLite file on first start), adds the shipped content and creates the first tool key.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
            if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
                await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers run beside the writer; NORMAL sync in WAL mode survives a process crash
                // (only a power loss may drop the last commits), at a fraction of FULL's fsync cost.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await ShippedContent.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        }
        if (services.GetService<EncryptedKeyRingInDatabase>() is not null
            && await LegacyKeyRing.EncryptAsync(services, services.GetRequiredService<TimeProvider>(), ct) is > 0 and var replaced)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Startup))
                .LogWarning("Replaced {Count} unencrypted Data Protection keys by a certificate-encrypted one and protected the tool keys again", replaced);
        await services.GetRequiredService<ToolKeyRing>().EnsureKeyAsync(ct);
    }

    /// <summary>Prints what a newcomer or an LMS administrator needs, once the server knows its address.</summary>
    public static WebApplication PrintWelcomeOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var configured = app.Services.GetRequiredService<IOptions<ToolOptions>>().Value.PublicBaseUrl;
            var address = !string.IsNullOrEmpty(configured)
                ? configured
                : app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            var urls = new ToolUrls(new Uri(address.TrimEnd('/') + "/"));
            var lines = new List<string>
            {
                "",
                $"LtiPD is running at {urls.BaseUrl}",
                "Values for the LMS administrator:",
                $"  Login initiation URL : {urls.Login}",
                $"  Launch / redirect URL: {urls.Launch}",
                $"  Deep linking URL     : {urls.DeepLinking}",
                $"  Public keyset URL    : {urls.Jwks}",
                $"  Dynamic registration : {urls.Registration}",
                $"  Canvas JSON          : {urls.CanvasConfig}",
                $"  Admin pages          : {new Uri(urls.BaseUrl, "admin")}",
            };
            if (app.Environment.IsDevelopment())
                lines.Add($"Try a launch without an LMS: {new Uri(urls.BaseUrl, "dev")}");
            if (AdminSecret.Generated is { } secret)
                lines.Add($"Admin secret for this run (Development, generated; set Admin:Secret to fix it): {secret}");
            Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        });
        return app;
    }
}
