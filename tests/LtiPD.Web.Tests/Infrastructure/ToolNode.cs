using System.Diagnostics;
using LtiPD.Data;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>
/// The built tool (LtiPD.Web.dll next to the tests) as a process of its own on a free port of 127.0.0.1, started with
/// <see cref="ToolFactory.DefaultSettings"/> and the test's settings as environment variables: a node that a test can
/// kill like a crashed server (<see cref="Kill"/>), which an in-process host cannot stand for.
/// </summary>
public sealed class ToolNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ToolNode(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <param name="settings">Configuration keys as in appsettings ("Jobs:BatchSize"); they win over the defaults.</param>
    public static async Task<ToolNode> StartAsync(IReadOnlyDictionary<string, string> settings, ITestOutputHelper output)
    {
        var port = ToolFactory.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LtiPD.Web.dll"));
        var all = ToolFactory.DefaultSettings(baseUrl);
        all["ASPNETCORE_ENVIRONMENT"] = "Production";
        all["ASPNETCORE_URLS"] = baseUrl.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in settings)
            all[key] = value;
        foreach (var (key, value) in all)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var node = new ToolNode(process, baseUrl);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            node.ThrowIfExited();
            try
            {
                using var health = await client.GetAsync(new Uri(baseUrl, "health"));
                if (health.IsSuccessStatusCode)
                    break;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(90))
                Assert.Fail($"The tool did not answer /health within 90 s.\n{node.Tail()}");
            await Task.Delay(100);
        }
        output.WriteLine($"tool process {process.Id} is up at {baseUrl} after {watch.Elapsed.TotalSeconds:0.0} s");
        return node;
    }

    /// <summary>A crash: the process and anything it started end at once, with no shutdown of the host.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Fails the test, with the process's last lines, when the tool is no longer running.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
            Assert.Fail($"The tool exited with code {_process.ExitCode}.\n{Tail()}");
    }

    public string Tail()
    {
        lock (_lines)
            return string.Join('\n', _lines);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > 200)
                _lines.Dequeue();
        }
    }
}

/// <summary>
/// A fresh PostgreSQL database on the server named by LTIPD_TEST_POSTGRES, migrated, with Hangfire's schema already made
/// (nodes that start together would race on creating it), and dropped afterwards.
/// </summary>
public sealed class TestPostgresDatabase : IDisposable
{
    public const string ServerVariable = "LTIPD_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = $"ltipd_test_{Guid.NewGuid():N}";

    private TestPostgresDatabase(string server) => _server = server;

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable);

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    /// <summary>The settings that put a tool on this database.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "PostgreSql",
        ["Database:ConnectionString"] = ConnectionString,
    };

    public static async Task<TestPostgresDatabase> CreateAsync(string server)
    {
        var database = new TestPostgresDatabase(server);
        database.OnServer($"CREATE DATABASE \"{database._name}\"");
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync($"CREATE SCHEMA IF NOT EXISTS \"{JobsServices.PostgreSqlSchema}\"");
        return database;
    }

    public LtiPdDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<LtiPdDbContext>();
        DataServiceCollectionExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString });
        return new LtiPdDbContext(options.Options);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        OnServer($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private void OnServer(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
