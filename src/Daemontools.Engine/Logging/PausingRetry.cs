using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// The original's answer to every failure after startup: say so, sleep about five seconds, try
/// again, forever. Nothing is dropped; the writer is back-pressured through the pipe instead.
/// </summary>
internal sealed class PausingRetry
{
    private readonly MultilogOptions _options;

    public PausingRetry(MultilogOptions options) => _options = options;

    /// <summary>Repeats <paramref name="attempt"/> until it succeeds, reporting each failure as <paramref name="kind"/> on <paramref name="directory"/>/<paramref name="file"/>.</summary>
    public void Until(Func<Errno> attempt, LogWarningKind kind, string directory, string? file)
    {
        while (true)
        {
            Errno errno = attempt();
            if (errno == Errno.None) return;
            Warn(kind, directory, file, errno);
        }
    }

    /// <summary>Reports the trouble, then pauses.</summary>
    public void Warn(LogWarningKind kind, string directory, string? file, Errno errno)
    {
        _options.Warning(new LogWarning(kind, directory, file, errno));
        Pause();
    }

    private void Pause()
    {
        CancellationToken token = _options.Cancellation;
        if (!token.CanBeCanceled)
        {
            Thread.Sleep(_options.RetryPause);
            return;
        }
        if (token.WaitHandle.WaitOne(_options.RetryPause)) throw new OperationCanceledException(token);
    }
}
