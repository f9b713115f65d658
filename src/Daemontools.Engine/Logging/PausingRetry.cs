namespace Daemontools.Engine.Logging;

/// <summary>
/// The original's answer to every failure after startup: say so, sleep about five seconds, try
/// again, forever. Nothing is dropped; the writer is back-pressured through the pipe instead.
/// </summary>
internal sealed class PausingRetry
{
    private readonly MultilogOptions _options;

    public PausingRetry(MultilogOptions options) => _options = options;

    /// <summary>Repeats <paramref name="attempt"/> (0 = done, else errno) until it succeeds.</summary>
    public void Until(Func<int> attempt, string text)
    {
        while (true)
        {
            int errno = attempt();
            if (errno == 0) return;
            Warn(text, errno);
        }
    }

    /// <summary>Reports the trouble, then pauses.</summary>
    public void Warn(string text, int? errno)
    {
        _options.Warning(new LogWarning(text, errno));
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
