using System.Net;
using BenchmarkDotNet.Attributes;
using LtiPD.Lti.Validation;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Lti;
using LtiPD.Web.Features.Platforms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Benchmarks;

/// <summary>
/// A full launch through the real tool in process (TestServer, real SQLite file): the OIDC login
/// initiation, then the id_token post that validates, consumes the nonce and the state, and creates the
/// session. The platform's RSA signing happens in the iteration setup: it is the LMS's cost, not ours.
/// </summary>
[MemoryDiagnoser]
public class FullLaunchBenchmarks
{
    private const int LaunchesPerIteration = 200;
    private const int WarmUpLaunches = 4000;

    private WebApplicationFactory<Program> _tool = null!;
    private HttpClient _client = null!;
    private SimulatedPlatform _platform = null!;
    private readonly Queue<(byte[] Form, string Cookie)> _readyRaw = new();
    private byte[] _loginForm = [];
    private string _database = "";

    // Synchronous on purpose: the in-process toolchain of BenchmarkDotNet 0.14 does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _platform = new SimulatedPlatform(new SimulatorOptions { IdTokenLifetime = TimeSpan.FromHours(1) });
        _platform.Attach(new Uri("https://lms.bench.example"));
        _platform.Tool = BenchTool.Registration;
        // The tool runs from this folder: its pages and static files are compiled into its assembly.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LTIPD_WEB", AppContext.BaseDirectory);
        _database = Path.Combine(Path.GetTempPath(), $"ltipd-bench-{Guid.NewGuid():N}.db");
        _tool = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseBenchSettings("https://tool.bench.example");
            b.UseSetting("Database:ConnectionString", $"Data Source={_database}");
            b.UseSetting("Admin:Secret", "bench-admin-secret-0123456789");
            b.UseSetting("Logging:LogLevel:Default", "Error");
            // TestServer has no request-body size feature and warns on every request; Kestrel does not.
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
            b.ConfigureTestServices(s => s.AddHttpClient(PlatformKeySetCache.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new PlatformJwksHandler(_platform)));
        });
        _client = _tool.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://tool.bench.example") });
        await using var scope = _tool.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>().AddAsync(new PlatformInput(
            _platform.Issuer, _platform.ClientId, _platform.AuthUrl.AbsoluteUri, _platform.TokenUrl.AbsoluteUri, _platform.JwksUrl.AbsoluteUri, [_platform.DeploymentId]), CancellationToken.None);
        if (errors.Count > 0)
            throw new InvalidOperationException(string.Join("; ", errors));
        await LaunchAsync(await PrepareAsync());
        _loginForm = Encode(LoginFields());
        if (WarmUp)
            await WarmUpAsync();
    }

    /// <summary>Off in the loop-launch mode, which prints how the launch time falls while the JIT warms up.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>
    /// A server answers launches all day, so what matters is its steady state. .NET's tiered JIT reaches its final,
    /// profile-guided code for the launch path only after about two thousand launches (measured with the loop-launch
    /// mode of this project: ~1.1 ms per launch over the first thousand, ~0.45 ms from the two-thousandth on), more than
    /// BenchmarkDotNet's own warm-up iterations run here. So the tool serves this many launches before any measurement.
    /// </summary>
    private async Task WarmUpAsync()
    {
        for (var i = 0; i < WarmUpLaunches; i++)
        {
            var (token, state) = await PrepareAsync();
            await ServerPostAsync("/lti/launch", Encode(new Dictionary<string, string> { ["id_token"] = token, ["state"] = state }),
                $"{StateCookie.NameFor(state)}={state}");
            await ServerPostAsync("/lti/login", _loginForm, cookie: null);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _tool.Dispose();
        BenchSettings.DeleteSqlite(_database);
    }

    [IterationSetup(Target = nameof(LaunchPost))]
    public void PrepareLaunches()
    {
        _readyRaw.Clear();
        for (var i = 0; i < LaunchesPerIteration; i++)
        {
            var (token, state) = PrepareAsync().GetAwaiter().GetResult();
            _readyRaw.Enqueue((Encode(new Dictionary<string, string> { ["id_token"] = token, ["state"] = state }),
                $"{StateCookie.NameFor(state)}={state}"));
        }
    }

    public int PreparedCount => _readyRaw.Count;

    [Benchmark(Description = "POST /lti/login (login initiation)")]
    public async Task<int> LoginInitiation()
    {
        var context = await ServerPostAsync("/lti/login", _loginForm, cookie: null);
        return context.Response.StatusCode;
    }

    [Benchmark(Description = "POST /lti/launch (validate, nonce, state, session)", OperationsPerInvoke = 1)]
    [InvocationCount(LaunchesPerIteration, 1)]
    public async Task<int> LaunchPost()
    {
        var (form, cookie) = _readyRaw.Dequeue();
        var context = await ServerPostAsync("/lti/launch", form, cookie);
        if (context.Response.StatusCode != StatusCodes.Status302Found)
            throw new InvalidOperationException($"launch refused: {context.Response.StatusCode}");
        return context.Response.StatusCode;
    }

    /// <summary>
    /// The request goes straight into the server's pipeline (TestServer.SendAsync), body already encoded: what is
    /// measured is the tool's work, not HttpClient's encoding and copying on the LMS's side of the wire.
    /// </summary>
    private Task<HttpContext> ServerPostAsync(string path, byte[] form, string? cookie) =>
        _tool.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Scheme = "https";
            context.Request.Host = new HostString("tool.bench.example");
            context.Request.Path = path;
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.ContentLength = form.Length;
            context.Request.Body = new MemoryStream(form, writable: false);
            if (cookie is not null)
                context.Request.Headers.Cookie = cookie;
        });

    private async Task<(string Token, string State)> PrepareAsync()
    {
        using var login = await _client.PostAsync("/lti/login", LoginForm());
        var query = QueryHelpers.ParseQuery(login.Headers.Location!.Query);
        return (_platform.SignIdToken(_platform.DraftIdToken(_platform.Teacher, query["nonce"]!)), query["state"]!);
    }

    private async Task<HttpStatusCode> LaunchAsync((string Token, string State) launch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lti/launch")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = launch.Token, ["state"] = launch.State }),
        };
        request.Headers.Add("Cookie", $"{StateCookie.NameFor(launch.State)}={launch.State}");
        using var response = await _client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"launch refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }

    private static byte[] Encode(Dictionary<string, string> fields) =>
        new FormUrlEncodedContent(fields).ReadAsByteArrayAsync().GetAwaiter().GetResult();

    private FormUrlEncodedContent LoginForm() => new(LoginFields());

    private Dictionary<string, string> LoginFields() => new()
    {
        ["iss"] = _platform.Issuer,
        ["login_hint"] = _platform.Teacher.Sub,
        ["target_link_uri"] = "https://tool.bench.example/lti/launch",
        ["client_id"] = _platform.ClientId,
        ["lti_deployment_id"] = _platform.DeploymentId,
    };
}
