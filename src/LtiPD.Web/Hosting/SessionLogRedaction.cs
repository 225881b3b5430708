using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

/// <summary>
/// A live session reference (/s/{sid}/…) is a bearer secret (and so is an unused registration link, /lti/register/{secret}): whoever reads it acts as that teacher until it expires.
/// It must not reach the application log, where it would be kept far longer than the session and read by more people.
/// Every logger the application creates, the framework's hosting, routing and exception logs included, goes through
/// <see cref="RedactingLoggerFactory"/>, which rewrites the message, its structured values, its scopes and the
/// exception text: a session path becomes /s/{redacted}/…, and the current request's reference is replaced wherever
/// else it appears (a route-value dump, say).
/// </summary>
public static partial class SessionLogRedaction
{
    public const string Placeholder = "{redacted}";

    public static WebApplicationBuilder AddSessionLogRedaction(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        // Replaces the framework's factory with the same factory behind a redacting wrapper, so every provider
        // (console, a test's capturing provider, anything configured later) receives redacted entries only.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new RedactingLoggerFactory(
            new LoggerFactory(
                services.GetServices<ILoggerProvider>(),
                services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                services.GetService<IOptions<LoggerFactoryOptions>>(),
                services.GetService<IExternalScopeProvider>()),
            services.GetRequiredService<IHttpContextAccessor>())));
        return builder;
    }

    /// <summary>The text with every session path segment, and the current request's session reference, replaced.</summary>
    public static string Redact(string text, string? liveSession)
    {
        if (!string.IsNullOrEmpty(liveSession) && text.Contains(liveSession, StringComparison.Ordinal))
            text = text.Replace(liveSession, Placeholder, StringComparison.Ordinal);
        return MayHoldSecretPath(text) ? SessionSegment().Replace(text, Placeholder) : text;
    }

    private static bool MayHoldSecretPath(string text) =>
        text.Contains("/s/", StringComparison.OrdinalIgnoreCase) || text.Contains("/lti/register/", StringComparison.OrdinalIgnoreCase);

    public static bool NeedsRedaction(string? text, string? liveSession) =>
        text is not null && ((!string.IsNullOrEmpty(liveSession) && text.Contains(liveSession, StringComparison.Ordinal))
            || (MayHoldSecretPath(text) && SessionSegment().IsMatch(text)));

    /// <summary>The session reference in the current request's path, if it is a session path.</summary>
    public static string? LiveSession(HttpContext? context)
    {
        string? path;
        try
        {
            path = context?.Request.Path.Value;
        }
        catch (ObjectDisposedException)
        {
            // A log written after its request ended (a continuation that outlived it): there is no live path.
            return null;
        }
        // Routing ignores case, so /S/{sid}/… reaches the same pages.
        if (path is null || !path.StartsWith("/s/", StringComparison.OrdinalIgnoreCase))
            return null;
        var end = path.IndexOf('/', 3);
        var sid = end < 0 ? path[3..] : path[3..end];
        // The placeholder itself, or a fragment too short to be a reference, must not turn every "s" into "{redacted}".
        return sid.Length >= 16 ? sid : null;
    }

    // A segment after /s/ (either case) up to the next delimiter; the placeholder itself is left as it is. A one-time
    // registration link (/lti/register/{secret}) is a secret too until it is used, and is redacted the same way.
    [GeneratedRegex(@"(?<=/s/|/lti/register/)(?!\{redacted\})[^/?#\s""'<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SessionSegment();
}

/// <summary>The application's logger factory, with each logger wrapped in <see cref="RedactingLogger"/>.</summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, IHttpContextAccessor http) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), http);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

internal sealed class RedactingLogger(ILogger inner, IHttpContextAccessor http) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    /// <summary>
    /// Every request opens scopes (the host's request scope among them); most are never written anywhere. The scope is
    /// therefore redacted lazily, when a provider first reads it, not formatted and searched on every request.
    /// </summary>
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        inner.BeginScope(new LazyRedactedScope<TState>(state, SessionLogRedaction.LiveSession(http.HttpContext)));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
            return;
        var live = SessionLogRedaction.LiveSession(http.HttpContext);
        var message = formatter(state, exception) ?? "";
        var redactException = exception is not null && SessionLogRedaction.NeedsRedaction(exception.ToString(), live);
        if (!redactException && !SessionLogRedaction.NeedsRedaction(message, live) && !RedactedState.NeedsRedaction(state, live))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }
        var redacted = RedactedState.From(state, message, live);
        inner.Log(logLevel, eventId, redacted, redactException ? new RedactedException(exception!, live) : exception,
            static (s, _) => s.ToString());
    }
}

/// <summary>A scope's state, redacted the first time a log provider reads its values or its text.</summary>
internal sealed class LazyRedactedScope<TState>(TState state, string? live) : IReadOnlyList<KeyValuePair<string, object?>> where TState : notnull
{
    private RedactedState? _redacted;

    private RedactedState Redacted => _redacted ??= RedactedState.From(state, state.ToString() ?? "", live);

    public KeyValuePair<string, object?> this[int index] => Redacted[index];

    public int Count => Redacted.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Redacted.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Redacted.ToString();
}

/// <summary>A log state or scope with its text and every structured value redacted.</summary>
internal sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string text) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static bool NeedsRedaction<TState>(TState state, string? live) => state switch
    {
        null => false,
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Any(p => SessionLogRedaction.NeedsRedaction(Text(p.Value), live))
            || SessionLogRedaction.NeedsRedaction(state.ToString(), live),
        _ => SessionLogRedaction.NeedsRedaction(state.ToString(), live),
    };

    public static RedactedState From<TState>(TState state, string text, string? live)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, Redact(p.Value, live))).ToList()
            : [];
        return new RedactedState(values, SessionLogRedaction.Redact(text, live));
    }

    private static object? Redact(object? value, string? live) =>
        Text(value) is { } text && SessionLogRedaction.NeedsRedaction(text, live) ? SessionLogRedaction.Redact(text, live) : value;

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable or IConvertible => value.ToString(),
        IEnumerable items => string.Join(", ", items.Cast<object?>()),
        _ => value.ToString(),
    };

    public KeyValuePair<string, object?> this[int index] => values[index];

    public int Count => values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text;
}

/// <summary>An exception whose text named a session: logged with that text redacted, type and stack kept as text.</summary>
internal sealed class RedactedException(Exception original, string? live)
    : Exception(SessionLogRedaction.Redact(original.Message, live))
{
    private readonly string _text = SessionLogRedaction.Redact(original.ToString(), live);

    public override string? StackTrace => null;

    public override string ToString() => _text;
}
