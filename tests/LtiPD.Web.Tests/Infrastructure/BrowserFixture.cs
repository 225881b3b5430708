using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download works here). Without Chromium the
/// browser tests are reported skipped with the reason; .ci/run installs it so they run there.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("LTIPD_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static bool Available => File.Exists(ChromiumPath);

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (!Available)
            return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Third-party cookies blocked, as in Safari and in Chrome with tracking protection: the case
            // platform storage exists for. Site isolation is off: under load Playwright lost track of the LMS frame after
            // its cross-site navigations (each a process swap) while the launch itself had succeeded (the recorded
            // screenshots show the teacher page in the frame); cookie blocking and postMessage do not depend on it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--test-third-party-cookie-phaseout", "--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// Browser tests run on their own, after the parallel ones: a real Chromium, the tool and the simulator
/// share two cores, and under the load of the other collections a launch could outlast any sane timeout.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
