using System.Collections.Concurrent;
using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LtiPD.Web.Tests.Hosting;

/// <summary>
/// Issue 9: a live /s/{sid}/… reference (and an unused registration link) is a bearer secret and must not reach the application log, not through the
/// framework's request lines, nor route values, nor the tool's own warnings, nor their scopes.
/// </summary>
public sealed class SessionLogTests
{
    [Fact]
    public async Task NoLogEntryAtInformationLevelContainsALiveSessionReference()
    {
        var logs = new CapturingLoggerProvider();
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        }, logs: logs);
        await using var simulator = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        var platform = simulator.Platform;
        await LtiEnvironment.RegisterAsync(tool, platform);
        var driver = new LaunchDriver(tool, platform);

        var teacher = await driver.LaunchAsync(platform.Teacher);
        var designer = await driver.LaunchAsync(platform.Designer);
        Assert.Equal(HttpStatusCode.Redirect, teacher.Status);
        var sessions = new[] { teacher.SessionId!, designer.SessionId! };

        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(teacher.Location!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await driver.GetAsync(designer.Location!)).Status);
        // The tool's own warning about a refused page, a page that does not exist, and a post the page has no handler for.
        Assert.Equal(HttpStatusCode.Forbidden, (await driver.GetAsync($"/s/{teacher.SessionId}/design")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await driver.GetAsync($"/s/{teacher.SessionId}/no-such-page?x=1")).Status);
        using (var client = tool.CreateRawClient())
        using (var post = await client.PostAsync($"s/{designer.SessionId}/grades?handler=Nothing", new FormUrlEncodedContent(new Dictionary<string, string>())))
            Assert.True((int)post.StatusCode is >= 400 and < 500, $"the post was answered {post.StatusCode}");

        // An unused registration link is a secret as well: opened without what an LMS sends, it stays unused.
        var link = await LtiPD.Web.Tests.Features.Registration.RegistrationSteps.CreateLinkAsync(tool);
        Assert.Equal(HttpStatusCode.BadRequest, (await driver.GetAsync($"/lti/register/{link}")).Status);

        var entries = logs.Entries.ToList();
        // The framework's request line is there, with the reference replaced.
        Assert.Contains(entries, e => e.Contains($"GET {tool.BaseUrl}s/{{redacted}}/home", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("refused page", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains($"GET {tool.BaseUrl}lti/register/{{redacted}}", StringComparison.Ordinal));
        foreach (var secret in sessions.Append(link))
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>Keeps every entry's message, structured values, scopes and exception as text.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new List<string> { category, formatter(state, exception) };
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                    text.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
                provider._scopes.ForEachScope((scope, list) =>
                {
                    list.Add(scope?.ToString() ?? "");
                    if (scope is IEnumerable<KeyValuePair<string, object?>> scopeValues)
                        list.AddRange(scopeValues.Select(v => $"{v.Key}={v.Value}"));
                }, text);
                if (exception is not null)
                    text.Add(exception.ToString());
                provider.Entries.Enqueue(string.Join(" | ", text));
            }
        }
    }
}
