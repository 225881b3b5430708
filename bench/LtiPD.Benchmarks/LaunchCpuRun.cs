using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LtiPD.PlatformSimulator;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiPD.Benchmarks;

/// <summary>
/// The tool's CPU per full launch, as an outside harness sees it: the built tool runs as its own process (Production,
/// warning-level logs, SQLite, Kestrel on a free loopback port), the simulated platform runs on Kestrel in this process
/// (JWKS, NRPS, token endpoint), and this process drives launches over HTTP, <c>concurrency</c> at a time: the login
/// initiation, the tool's redirect (its state and nonce read from the Location), an id_token signed by the platform's
/// registered key for a user the tool has never seen, the form post to /lti/launch with the state cookie, and the
/// landing page the launch redirects to, read to its end. After the warm-up, and more warm-up rounds until the JIT spends
/// under 1 % of the tool's CPU in one, the tool's CPU time (utime + stime of its process) is divided by the launches completed,
/// in several rounds (LTIPD_BENCH_ROUNDS, default 3); the median is the figure.
/// dotnet run -c Release --project bench/LtiPD.Benchmarks -- launch-cpu [launches] [concurrency] [warm-up launches]
/// </summary>
public static class LaunchCpuRun
{
    private const string AdminSecret = "bench-admin-secret-0123456789";

    public static void Run(int launches, int concurrency, int warmUp) =>
        RunAsync(launches, concurrency, warmUp).GetAwaiter().GetResult();

    private static async Task RunAsync(int launches, int concurrency, int warmUp)
    {
        var toolDll = FindBuiltTool();
        var work = Directory.CreateTempSubdirectory("ltipd-launch-cpu-");
        await using var simulator = await PlatformSimulatorHost.StartAsync(new SimulatorOptions { IdTokenLifetime = TimeSpan.FromMinutes(10) });
        var platform = simulator.Platform;
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        platform.Tool = new ToolRegistration
        {
            LoginInitiationUrl = new Uri(baseUrl, "lti/login"),
            LaunchUrl = new Uri(baseUrl, "lti/launch"),
            DeepLinkingUrl = new Uri(baseUrl, "lti/deeplink"),
            JwksUrl = new Uri(baseUrl, "lti/jwks"),
        };
        var environment = ToolEnvironment(baseUrl, Path.Combine(work.FullName, "ltipd.db"));

        // Registered as an administrator would, through the tool's own command line, on the same database.
        var (code, output) = await RunToolAsync(toolDll, environment,
            ["platform", "add", "--issuer", platform.Issuer, "--client-id", platform.ClientId, "--auth-url", platform.AuthUrl.AbsoluteUri,
             "--token-url", platform.TokenUrl.AbsoluteUri, "--jwks-url", platform.JwksUrl.AbsoluteUri, "--deployment-id", platform.DeploymentId]);
        if (code != 0)
            throw new InvalidOperationException($"platform add failed ({code}): {output}");

        using var tool = StartTool(toolDll, environment, baseUrl);
        var log = new ToolLog();
        tool.ErrorDataReceived += (_, e) => log.Read(e.Data);
        tool.OutputDataReceived += (_, e) => log.Read(e.Data);
        tool.BeginErrorReadLine();
        tool.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = concurrency,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
            await WaitUntilHealthyAsync(http, tool);
            var driver = new LaunchDriver(http, platform, baseUrl);

            var rounds = int.TryParse(Environment.GetEnvironmentVariable("LTIPD_BENCH_ROUNDS"), out var r) && r > 0 ? r : 3;
            Console.WriteLine($"tool pid {tool.Id} on {baseUrl}, database {work.FullName}; warm-up {warmUp} launches, then {rounds} rounds of {launches}, {concurrency} at a time");
            await driver.RunAsync(warmUp, concurrency);
            // A warmed server is one whose JIT has finished: the tiered JIT recompiles hot methods in the background (instrumented,
            // then optimised), and it counts calls only once no new method has been compiled for a while, so part of its work
            // waits for the next load. Warm-up rounds go on until it spends under 1 % of the tool's CPU in one.
            var extra = Math.Max(1000, warmUp / 2);
            for (var round = 1; ; round++)
            {
                await SettleAsync(tool, TimeSpan.FromSeconds(120));
                var warm = await MeasureAsync(tool, () => driver.RunAsync(extra, concurrency));
                if (warm.JitShare < 0.01 || round == 10)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"warmed up after {round} more round(s) of {extra} (the JIT's share of the tool's CPU in the last: {warm.JitShare:P1}); measuring"));
                    break;
                }
            }
            // What the tool spends with no request at all (background jobs, timers, the WAL checkpointer), for comparison.
            var idlePeriod = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("LTIPD_BENCH_IDLE_SECONDS"), out var s) ? s : 3);
            var idle = await IdleCpuAsync(tool, idlePeriod);

            var measured = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var m = await MeasureAsync(tool, () => driver.RunAsync(launches, concurrency));
                var latencies = m.Latencies;
                Array.Sort(latencies);
                var count = (double)latencies.Length;
                measured.Add(m.ToolCpu.TotalMilliseconds / count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: launches {latencies.Length}: tool CPU {m.ToolCpu.TotalMilliseconds / count:F3} ms per full launch " +
                    $"({m.ToolCpu.TotalSeconds:F1} s CPU in {m.Wall.TotalSeconds:F1} s; JIT {m.JitShare:P1}, GC threads {m.GcShare:P1}), " +
                    $"{count / m.Wall.TotalSeconds:F0} launches/s, latency (login + launch + landing) p50 {Percentile(latencies, 0.50):F1} ms, " +
                    $"p95 {Percentile(latencies, 0.95):F1} ms; this harness {m.HarnessCpu.TotalSeconds:F1} s CPU, the rest of the machine " +
                    $"{m.OtherCpu.TotalSeconds:F1} s; machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            }
            measured.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"launches {launches} × {rounds}: tool CPU {measured[measured.Count / 2]:F3} ms per full launch (median of the rounds; " +
                $"{measured[0]:F3}–{measured[^1]:F3}); tool idle {idle.TotalMilliseconds / idlePeriod.TotalSeconds:F1} ms CPU per s"));
            log.Print();
        }
        finally
        {
            tool.Kill(entireProcessTree: true);
            await tool.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    /// <summary>One full launch after another on each of <c>concurrency</c> workers; returns each launch's latency in ms.</summary>
    private sealed class LaunchDriver(HttpClient http, SimulatedPlatform platform, Uri baseUrl)
    {
        /// <summary>
        /// LTIPD_BENCH_LAST_STEP=login or launch ends each launch after that request, so the difference between runs gives what
        /// each of the three requests costs the tool (what is "per full launch" is then per launch so far).
        /// </summary>
        private readonly string? _lastStep = Environment.GetEnvironmentVariable("LTIPD_BENCH_LAST_STEP");

        private int _users;

        public async Task<double[]> RunAsync(int launches, int concurrency)
        {
            var latencies = new double[launches];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < launches)
                    latencies[i] = await LaunchAsync();
            })));
            return latencies;
        }

        private async Task<double> LaunchAsync()
        {
            // A user the tool has never seen, so nothing about them is cached: their first launch, as after a course opens.
            var n = Interlocked.Increment(ref _users);
            var user = new SimUser($"bench-{n}", $"Teacher {n}", "Teacher", n.ToString(CultureInfo.InvariantCulture), $"teacher{n}@example.com",
                platform.Teacher.Roles);
            var clock = Stopwatch.StartNew();
            using var login = await http.PostAsync("lti/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["iss"] = platform.Issuer,
                ["login_hint"] = user.Sub,
                ["target_link_uri"] = new Uri(baseUrl, "lti/launch").AbsoluteUri,
                ["client_id"] = platform.ClientId,
                ["lti_deployment_id"] = platform.DeploymentId,
            }));
            Expect(login, HttpStatusCode.Redirect, "login");
            var query = QueryHelpers.ParseQuery(login.Headers.Location!.Query);
            var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            var loginTime = clock.Elapsed;
            if (_lastStep == "login")
                return loginTime.TotalMilliseconds;

            // The platform's side: it authenticates the user and signs their id_token. Not the tool's time.
            var token = platform.SignIdToken(platform.DraftIdToken(user, query["nonce"]!));

            clock.Restart();
            using var post = new HttpRequestMessage(HttpMethod.Post, "lti/launch")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = token, ["state"] = query["state"]! }),
            };
            post.Headers.Add("Cookie", cookie);
            using var launch = await http.SendAsync(post);
            Expect(launch, HttpStatusCode.Redirect, "launch");
            if (_lastStep == "launch")
                return (loginTime + clock.Elapsed).TotalMilliseconds;
            using var landing = await http.GetAsync(launch.Headers.Location);
            Expect(landing, HttpStatusCode.OK, "landing page");
            var page = await landing.Content.ReadAsStringAsync();
            if (!page.Contains("data-role=\"teacher\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"the launch did not land on the teacher's page: {launch.Headers.Location}");
            return (loginTime + clock.Elapsed).TotalMilliseconds;
        }

        private static void Expect(HttpResponseMessage response, HttpStatusCode status, string step)
        {
            if (response.StatusCode != status)
                throw new InvalidOperationException($"{step}: {(int)response.StatusCode} instead of {(int)status}: " +
                    response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
    }

    /// <summary>
    /// What the tool wrote at warning level or above, counted per category and event (the console logger writes
    /// "warn: Category[id]" and the message on the next line); a warning on every launch is a cost of its own.
    /// </summary>
    private sealed class ToolLog
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (int Count, string Message)> _entries = [];
        private string? _open;

        public void Read(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
                return;
            lock (_gate)
            {
                if (line.StartsWith("warn: ", StringComparison.Ordinal) || line.StartsWith("fail: ", StringComparison.Ordinal)
                    || line.StartsWith("crit: ", StringComparison.Ordinal))
                {
                    _open = line;
                    _entries[line] = _entries.TryGetValue(line, out var seen) ? (seen.Count + 1, seen.Message) : (1, "");
                }
                else if (_open is not null && _entries[_open] is { Message: "" } first)
                {
                    _entries[_open] = (first.Count, line.Trim());
                }
            }
        }

        public void Print()
        {
            lock (_gate)
            {
                Console.WriteLine($"the tool logged {_entries.Values.Sum(e => e.Count)} warnings or errors");
                foreach (var (header, (count, message)) in _entries.OrderByDescending(e => e.Value.Count).Take(8))
                    Console.WriteLine($"  {count} × {header} {message}");
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>
    /// Waits until the idle tool spends under 20 ms of CPU in a second (the JIT's tier-up done; timers and the WAL
    /// checkpointer cost less), or <paramref name="limit"/> has passed; returns how long it waited.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(Process tool, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && await IdleCpuAsync(tool, TimeSpan.FromSeconds(1)) >= TimeSpan.FromMilliseconds(20))
        {
        }
        return clock.Elapsed;
    }

    /// <summary>What one round of launches cost: the tool's CPU, the share of it its JIT and GC threads spent, and the CPU of this
    /// harness and of everything else on the machine in the same time (the tool shares 2 cores with them).</summary>
    private sealed record Round(double[] Latencies, TimeSpan Wall, TimeSpan ToolCpu, double JitShare, double GcShare, TimeSpan HarnessCpu, TimeSpan OtherCpu);

    private static async Task<Round> MeasureAsync(Process tool, Func<Task<double[]>> launches)
    {
        var threadsBefore = ThreadCpu(tool.Id);
        var machineBefore = MachineBusy();
        var harnessBefore = Process.GetCurrentProcess().TotalProcessorTime;
        tool.Refresh();
        var toolBefore = tool.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var latencies = await launches();
        var wall = clock.Elapsed;
        tool.Refresh();
        var toolCpu = tool.TotalProcessorTime - toolBefore;
        var harness = Process.GetCurrentProcess().TotalProcessorTime - harnessBefore;
        var machine = MachineBusy() - machineBefore;
        var threads = ThreadCpu(tool.Id);
        // Per thread id: the JIT's worker ends when idle and a new one starts, so by name the ended thread's CPU would count
        // against the round (a negative share that passes for "settled"). A thread that ended within the round is left out.
        double Spent(string name) => threads.Where(t => t.Value.Name == name)
            .Sum(t => (t.Value.Cpu - (threadsBefore.TryGetValue(t.Key, out var before) ? before.Cpu : TimeSpan.Zero)).TotalMilliseconds);
        var total = Math.Max(1, toolCpu.TotalMilliseconds);
        return new Round(latencies, wall, toolCpu, Spent(".NET Tiered Com") / total, Spent(".NET Server GC") / total, harness,
            machine - toolCpu - harness is { Ticks: > 0 } other ? other : TimeSpan.Zero);
    }

    /// <summary>Name and CPU time of each live thread of a process, by thread id (Linux /proc).</summary>
    private static Dictionary<string, (string Name, TimeSpan Cpu)> ThreadCpu(int pid)
    {
        var spent = new Dictionary<string, (string Name, TimeSpan Cpu)>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // The name is in parentheses and may hold spaces; utime and stime are the 12th and 13th fields after it.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                spent[Path.GetFileName(task)] = (name, TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond));
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }
        return spent;
    }

    /// <summary>The machine's busy CPU time so far (all cores; /proc/stat, everything but idle and iowait).</summary>
    private static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return TimeSpan.FromSeconds((fields.Sum() - fields[3] - fields[4]) / (double)ClockTicksPerSecond);
    }

    // USER_HZ: 100 on every Linux the tool runs on.
    private const int ClockTicksPerSecond = 100;

    private static async Task<TimeSpan> IdleCpuAsync(Process tool, TimeSpan period)
    {
        tool.Refresh();
        var before = tool.TotalProcessorTime;
        await Task.Delay(period);
        tool.Refresh();
        return tool.TotalProcessorTime - before;
    }

    /// <summary>The Production settings an operator would give, as environment variables (Section__Key).</summary>
    private static Dictionary<string, string> ToolEnvironment(Uri baseUrl, string database)
    {
        var settings = new Dictionary<string, string>(BenchSettings.For(baseUrl.AbsoluteUri.TrimEnd('/')))
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Admin:Secret"] = AdminSecret,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // The simulated platform listens on http://127.0.0.1, as an LMS inside the university network might on a private address.
            ["Outbound:AllowLoopbackHttp"] = "true",
            ["Outbound:PrivateAddressAllowList:0"] = "127.0.0.1",
        };
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        return environment;
    }

    private static ProcessStartInfo StartInfo(string toolDll, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(toolDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(toolDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return start;
    }

    private static async Task<(int Code, string Output)> RunToolAsync(string toolDll, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var process = Process.Start(StartInfo(toolDll, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static Process StartTool(string toolDll, IReadOnlyDictionary<string, string> environment, Uri baseUrl) =>
        Process.Start(StartInfo(toolDll, environment, ["--urls", baseUrl.AbsoluteUri.TrimEnd('/')]))!;

    private static async Task WaitUntilHealthyAsync(HttpClient http, Process tool)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (tool.HasExited)
                throw new InvalidOperationException($"the tool exited with {tool.ExitCode} before it answered");
            try
            {
                using var health = await http.GetAsync("health");
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the tool did not answer /health within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The tool as built by `dotnet build src/LtiPD.Web -c Release` (which building this project also does), or the
    /// LtiPD.Web.dll that LTIPD_BENCH_TOOL names (another build, to compare two versions on the same machine state).
    /// </summary>
    private static string FindBuiltTool()
    {
        if (Environment.GetEnvironmentVariable("LTIPD_BENCH_TOOL") is { Length: > 0 } named)
            return File.Exists(named) ? Path.GetFullPath(named) : throw new FileNotFoundException("LTIPD_BENCH_TOOL names no file", named);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "LtiPD.Web", "bin", "Release", "net10.0", "LtiPD.Web.dll");
            if (File.Exists(Path.Combine(dir.FullName, "LtiPD.sln")))
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the tool first: dotnet build src/LtiPD.Web -c Release", dll);
        }
        throw new DirectoryNotFoundException("The repository root (LtiPD.sln) is not above " + AppContext.BaseDirectory);
    }
}
