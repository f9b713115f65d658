using System.Diagnostics;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Waits until a service's status satisfies a condition (the runit `sv -w` / s6-svwait capability
/// 0.76 lacks). Woken by file-system events on supervise/ when it exists (each status write is a
/// rename onto supervise/status), with a short re-read interval as the fallback for what events
/// miss, such as supervise exiting.
/// </summary>
public static class StatusWait
{
    private static readonly TimeSpan Fallback = TimeSpan.FromMilliseconds(100);

    /// <summary>The first status that shows <paramref name="target"/> reached, or null when <paramref name="timeout"/> passes first.</summary>
    public static ServiceStatus? Until(string directory, StatusTarget target, TimeSpan timeout, CancellationToken cancel = default) =>
        Until(directory, target.IsReachedBy, timeout, cancel);

    /// <summary>The first status that satisfies <paramref name="condition"/>, or null when <paramref name="timeout"/> passes first.</summary>
    public static ServiceStatus? Until(string directory, Func<ServiceStatus, bool> condition, TimeSpan timeout, CancellationToken cancel = default)
    {
        using var changed = new AutoResetEvent(false);
        using FileSystemWatcher? watcher = Watch(new ServiceDirectory(directory), changed);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ServiceStatus status = ServiceStatus.Read(directory);
            if (condition(status)) return status;
            TimeSpan left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) return null;
            WaitHandle.WaitAny([changed, cancel.WaitHandle], left < Fallback ? left : Fallback);
            cancel.ThrowIfCancellationRequested();
        }
    }

    private static FileSystemWatcher? Watch(ServiceDirectory directory, AutoResetEvent changed)
    {
        string supervise = Path.Combine(directory.Path, ServiceDirectory.SuperviseName);
        if (!Directory.Exists(supervise)) return null;
        try
        {
            var watcher = new FileSystemWatcher(supervise)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
            };
            watcher.Changed += (_, _) => changed.Set();
            watcher.Created += (_, _) => changed.Set();
            watcher.Renamed += (_, _) => changed.Set();
            watcher.Deleted += (_, _) => changed.Set();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // e.g. out of inotify instances: the fallback interval still finds the change
            return null;
        }
    }
}
