using System.Diagnostics;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Platforms;

/// <summary>The administrator's command line, run as a real process against a real database file.</summary>
public sealed class PlatformCommandLineTests
{
    private readonly string _database = TempFiles.NewDatabaseFile();

    [Fact]
    public async Task AddListAndRemoveAPlatformFromTheCommandLine()
    {
        var add = await RunAsync("platform", "add", "--issuer", "https://moodle.example.edu", "--client-id", "mlgNgu4CnoI1lWD",
            "--auth-url", "https://moodle.example.edu/mod/lti/auth.php", "--token-url", "https://moodle.example.edu/mod/lti/token.php",
            "--jwks-url", "https://moodle.example.edu/mod/lti/certs.php", "--deployment-id", "1", "--deployment-id", "7");
        Assert.True(add.ExitCode == 0, add.Output);

        var list = await RunAsync("platform", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("https://moodle.example.edu\tclient_id=mlgNgu4CnoI1lWD\tdeployments=1,7", list.Output, StringComparison.Ordinal);

        var remove = await RunAsync("platform", "remove", "--issuer", "https://moodle.example.edu", "--client-id", "mlgNgu4CnoI1lWD");
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("No platform is registered yet", (await RunAsync("platform", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAPlatformWithPlainHttpUrlsNamingEachBadField()
    {
        var add = await RunAsync("platform", "add", "--issuer", "http://moodle.example.edu", "--client-id", "x",
            "--auth-url", "http://moodle.example.edu/mod/lti/auth.php", "--token-url", "https://moodle.example.edu/mod/lti/token.php",
            "--jwks-url", "not a url", "--deployment-id", "1");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("--issuer:", add.Output, StringComparison.Ordinal);
        Assert.Contains("--auth-url:", add.Output, StringComparison.Ordinal);
        Assert.Contains("--jwks-url:", add.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--token-url:", add.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRotatePublishesANewKey()
    {
        var rotate = await RunAsync("keys", "rotate");

        Assert.Equal(0, rotate.ExitCode);
        Assert.Contains("New signing key", rotate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationLinkPrintsAOneTimeUrlAloneOnItsLastLineThatTheToolAccepts()
    {
        var created = await RunAsync("registration", "link", "--expires", "2h", "--label", "Physics Moodle");

        Assert.True(created.ExitCode == 0, created.Output);
        var lastLine = created.Output.TrimEnd().Split('\n')[^1].Trim();
        var url = new Uri(lastLine);
        Assert.Matches("^/lti/register/[A-Za-z0-9_-]{43}$", url.AbsolutePath);
        Assert.Contains("Physics Moodle", created.Output, StringComparison.Ordinal);

        // The link is live: the tool gets past it and asks for what only an LMS sends.
        await using var tool = new ToolFactory(_database);
        using var client = tool.CreateRawClient();
        using var response = await client.GetAsync(url.PathAndQuery.TrimStart('/'));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-code\">registration_parameter_missing<", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationLinkRefusesALifetimeItCannotGive()
    {
        var refused = await RunAsync("registration", "link", "--expires", "400d");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--expires:", refused.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LtiPD.Web.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        // The test tools' settings (public base URL, Data Protection certificate, admin secret...), as environment variables.
        foreach (var (key, value) in ToolFactory.DefaultSettings(new Uri("http://127.0.0.1:5080")))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__ConnectionString"] = $"Data Source={_database}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
