using System.Collections.Concurrent;
using System.Net;
using LtiPD.Lti.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LtiPD.Lti.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>An HTTP peer (the platform) answering from a function and counting calls; not a mock of our code.</summary>
public sealed class FakePlatformHttp(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler, IHttpClientFactory
{
    public ConcurrentQueue<(HttpRequestMessage Request, string? Body)> Calls { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Calls.Enqueue((request, body));
        return await answer(request);
    }

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}

public sealed class InMemoryToolKeyStore : IToolKeyStore
{
    private readonly List<StoredToolKey> _keys = [];

    public Task<IReadOnlyList<StoredToolKey>> LoadAsync(CancellationToken ct)
    {
        lock (_keys) return Task.FromResult<IReadOnlyList<StoredToolKey>>(_keys.ToList());
    }

    public Task AddAndRetireOthersAsync(StoredToolKey key, CancellationToken ct)
    {
        lock (_keys)
        {
            for (var i = 0; i < _keys.Count; i++)
                if (_keys[i].RetiredAt is null) _keys[i] = _keys[i] with { RetiredAt = key.CreatedAt };
            _keys.Add(key);
        }
        return Task.CompletedTask;
    }

    public Task DeleteRetiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        lock (_keys) _keys.RemoveAll(k => k.RetiredAt < cutoff);
        return Task.CompletedTask;
    }
}

public static class Defaults
{
    public static IOptions<LtiOptions> Options(Action<LtiOptions>? change = null)
    {
        var o = new LtiOptions();
        change?.Invoke(o);
        return Microsoft.Extensions.Options.Options.Create(o);
    }

    public static ToolKeyRing KeyRing(TimeProvider clock, IToolKeyStore? store = null, Action<LtiOptions>? change = null) =>
        new(store ?? new InMemoryToolKeyStore(), clock, Options(change), NullLogger<ToolKeyRing>.Instance);
}

/// <summary>A logger that keeps every formatted message, to assert on what reaches the application log.</summary>
public sealed class ListLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) => _messages.Enqueue(formatter(state, exception));
}
