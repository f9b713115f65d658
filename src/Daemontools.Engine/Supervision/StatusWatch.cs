using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// What wakes a wait on one service's status, chosen by who supervises it: our supervise wakes a
/// status listener's pipe in supervise/event at every status write (<see cref="ServiceEvents"/>);
/// Debian's writes no events, so inotify on supervise/ stands in (each status write is a rename
/// onto supervise/status). Either way a write end of supervise/ok reports an error once that
/// supervise has exited. With no supervise running nothing says when one opens supervise/ok, so
/// the status is looked at every <see cref="SearchIntervalMilliseconds"/> until one does.
/// </summary>
internal sealed class StatusWatch : IDisposable
{
    /// <summary>How often a wait with nothing to wake it looks again (no supervise yet, or no inotify left).</summary>
    public const int SearchIntervalMilliseconds = 100;

    private readonly string _directory;
    private readonly string _ok;
    private Descriptor _supervised = Descriptor.None;
    private FifoListener? _listener;
    private DirectoryWatch? _watch;

    public StatusWatch(string directory)
    {
        _directory = directory;
        _ok = ServiceDirectory.Within(directory, ServiceDirectory.OkName);
    }

    /// <summary>
    /// Subscribes to whatever will tell of the next status write; call before reading the status,
    /// so that no write after the read goes unnoticed. Changes nothing once subscribed.
    /// </summary>
    public void Subscribe()
    {
        if (_supervised.IsValid) return;
        Errno errno = Fifo.OpenWriter(FileSystem.WorkingDirectory, _ok, out Descriptor ok);
        if (errno != Errno.None)
        {
            // No supervise (ENXIO, ENOENT): looked for again at each wake. Not ours to open (EACCES):
            // the status still can be watched, and is looked at again at intervals for an exit.
            if (errno is not (Errno.ENXIO or Errno.ENOENT)) WatchStatus();
            return;
        }
        _supervised = ok;
        if (ServiceEvents.Listen(_directory, out _listener, everyStatus: true) != Errno.None || _listener is null) WatchStatus();
    }

    /// <summary>
    /// Sleeps until a status write, supervise's exit, <paramref name="cancel"/> becoming readable,
    /// or <paramref name="timeoutMilliseconds"/>; then drains what woke it.
    /// </summary>
    public void Wait(long timeoutMilliseconds, Descriptor cancel)
    {
        Span<Descriptor> fds = stackalloc Descriptor[4];
        Span<bool> ready = stackalloc bool[4];
        int count = 0;
        if (cancel.IsValid) fds[count++] = cancel;
        if (_listener is not null) fds[count++] = _listener.Descriptor;
        if (_watch is not null) fds[count++] = _watch.Descriptor;
        int okAt = -1;
        if (_supervised.IsValid) fds[okAt = count++] = _supervised;
        // Woken by every status write only with events or a watch, and by the exit only through ok.
        bool blind = (_listener is null && _watch is null) || !_supervised.IsValid;
        long timeout = blind ? Math.Min(timeoutMilliseconds, SearchIntervalMilliseconds) : timeoutMilliseconds;
        Poll.WaitReadable(fds[..count], ready, timeout >= int.MaxValue ? -1 : (int)timeout);
        _listener?.Drain();
        _watch?.Drain();
        if (okAt >= 0 && ready[okAt]) Unsubscribe();
    }

    /// <summary>supervise has exited: its events and its ok FIFO are done with; the next <see cref="Subscribe"/> looks for another.</summary>
    private void Unsubscribe()
    {
        _supervised.Close();
        _supervised = Descriptor.None;
        _listener?.Dispose();
        _listener = null;
    }

    private void WatchStatus()
    {
        if (_watch is not null) return;
        string supervise = ServiceDirectory.Within(_directory, ServiceDirectory.SuperviseName);
        if (DirectoryWatch.CreateEmpty(out _watch) != Errno.None || _watch is null) return;
        if (_watch.Add(supervise) == Errno.None) return;
        _watch.Dispose();
        _watch = null;
    }


    public void Dispose()
    {
        Unsubscribe();
        _watch?.Dispose();
        _watch = null;
    }
}
