using System.Diagnostics;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Waits until a service's status satisfies a condition (the runit `sv -w` / s6-svwait capability
/// 0.76 lacks), the cmdlets' waits. It sleeps in poll on what tells of each status write (a
/// status listener's pipe in supervise/event under our supervise, inotify under Debian's: see
/// <see cref="StatusWatch"/>) and on supervise/ok for supervise's exit, and reads the status again
/// only when woken; the timeout and the caller's cancellation are the only other wakes.
/// </summary>
public static class StatusWait
{
    /// <summary>The first status that shows <paramref name="target"/> reached, or null when <paramref name="timeout"/> passes first.</summary>
    public static ServiceStatus? Until(string directory, StatusTarget target, TimeSpan timeout, CancellationToken cancel = default) =>
        Until(directory, target.IsReachedBy, timeout, cancel);

    /// <summary>The first status that satisfies <paramref name="condition"/>, or null when <paramref name="timeout"/> passes first.</summary>
    public static ServiceStatus? Until(string directory, Func<ServiceStatus, bool> condition, TimeSpan timeout, CancellationToken cancel = default)
    {
        using var watch = new StatusWatch(directory);
        using var cancelled = CancelSignal.For(cancel);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            watch.Subscribe();
            ServiceStatus status = ServiceStatus.Read(directory);
            if (condition(status)) return status;
            long left = (long)Math.Ceiling((timeout - clock.Elapsed).TotalMilliseconds);
            if (left <= 0) return null;
            watch.Wait(left, cancelled.Descriptor);
            cancel.ThrowIfCancellationRequested();
        }
    }
}
