using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace LtiPD.Web.Features.Jobs;

/// <summary>
/// Hangfire's log output into the tool's logging. Hangfire keeps its log provider in a process-wide static, so where
/// several hosts share a process (the integration tests) one host's Hangfire may write through the logger factory of a
/// host already stopped: such an entry is dropped instead of throwing inside Hangfire's workers.
/// </summary>
public sealed class HangfireLogs(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(ILogger? logger) : Hangfire.Logging.ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
                return false;
            var level = logLevel switch
            {
                HangfireLogLevel.Trace => LogLevel.Trace,
                HangfireLogLevel.Debug => LogLevel.Debug,
                HangfireLogLevel.Info => LogLevel.Information,
                HangfireLogLevel.Warn => LogLevel.Warning,
                HangfireLogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null)
                    return logger.IsEnabled(level);
                if (logger.IsEnabled(level))
                    logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
