using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Waits until supervised services reach a state (svwait, s6-svwait's interface), without polling:
/// it sleeps in poll on a listener's pipe in each supervise/event that our supervise writes events
/// to (<see cref="ServiceEvents"/>), or, for a supervise that writes none (Debian's), on one inotify
/// descriptor watching supervise/ (every status write is a rename onto supervise/status); and on a
/// write end of each supervise/ok FIFO, which reports an error once the supervise holding the read
/// end has exited. The timeout is the only deadline. The pipes are preferred because closing an
/// inotify descriptor that has watches waits for an RCU grace period, which made svwait's own exit
/// take 10-17 ms longer than the wait.
/// </summary>
public sealed class ServiceWait : IDisposable
{
    private readonly string[] _directories;
    private readonly Descriptor[] _ok;
    private readonly StatusRecord[] _initial;
    private readonly bool[] _initiallyFailed;
    private readonly FifoListener?[] _listeners;
    private DirectoryWatch? _watch;

    private ServiceWait(string[] directories)
    {
        _directories = directories;
        _ok = new Descriptor[directories.Length];
        Array.Fill(_ok, Descriptor.None);
        _initial = new StatusRecord[directories.Length];
        _initiallyFailed = new bool[directories.Length];
        _listeners = new FifoListener?[directories.Length];
    }

    /// <summary>
    /// Waits for <paramref name="goal"/> in all <paramref name="directories"/> (or one, with
    /// <paramref name="any"/>), for at most <paramref name="timeoutMilliseconds"/> (0 = no limit).
    /// </summary>
    public static WaitResult Until(IReadOnlyList<string> directories, WaitGoal goal, bool any, long timeoutMilliseconds, Func<long>? monotonicMilliseconds = null)
    {
        if (directories.Count == 0) return new WaitResult(WaitOutcome.Reached);
        using var wait = new ServiceWait([.. directories]);
        return wait.Run(goal, any, timeoutMilliseconds, monotonicMilliseconds ?? (static () => Environment.TickCount64));
    }

    /// <summary>True when <paramref name="status"/> is in <paramref name="goal"/>.</summary>
    public static bool IsIn(ServiceStatus status, WaitGoal goal)
    {
        if (status.Failure != StatusFailure.None) return false;
        bool up = status.Record.IsUp;
        return goal switch
        {
            WaitGoal.Up => up,
            WaitGoal.Ready => up && status.Extension is { IsReady: true },
            WaitGoal.Down => !up,
            _ => !up && status.Extension is not { IsFinishing: true },
        };
    }

    private WaitResult Run(WaitGoal goal, bool any, long timeoutMilliseconds, Func<long> clock)
    {
        long deadline = timeoutMilliseconds > 0 ? clock() + timeoutMilliseconds : long.MaxValue;
        for (int i = 0; i < _directories.Length; i++)
        {
            string dir = _directories[i];
            Errno errno = Fifo.OpenWriter(FileSystem.WorkingDirectory, ServiceDirectory.Within(dir, ServiceDirectory.OkName), out _ok[i]);
            if (errno != Errno.None)
            {
                return errno is Errno.ENXIO or Errno.ENOENT
                    ? new WaitResult(WaitOutcome.NotSupervised, Directory: dir, Errno: errno)
                    : new WaitResult(WaitOutcome.SystemError, Directory: dir, Errno: errno);
            }
            errno = ServiceEvents.Listen(dir, out _listeners[i]);
            if (errno == Errno.None && _listeners[i] is null) errno = WatchStatus(dir);
            if (errno != Errno.None) return new WaitResult(WaitOutcome.SystemError, Directory: dir, Errno: errno);
            ServiceStatus status = ServiceStatus.Read(dir);
            _initial[i] = status.Failure == StatusFailure.None ? status.Record : default;
            _initiallyFailed[i] = status.Extension is { HasFailed: true };
        }

        // poll's set: the inotify descriptor (if any), then per directory its listener's pipe (if any) and its ok FIFO.
        var fds = new List<Descriptor>(2 * _directories.Length + 1);
        if (_watch is not null) fds.Add(_watch.Descriptor);
        int first = fds.Count;
        foreach (FifoListener? listener in _listeners)
        {
            if (listener is not null) fds.Add(listener.Descriptor);
        }
        int okAt = fds.Count;
        fds.AddRange(_ok);
        Descriptor[] set = [.. fds];
        bool[] ready = new bool[set.Length];
        while (true)
        {
            if (Evaluate(goal, any) is WaitResult done) return done;
            for (int i = 0; i < _directories.Length; i++)
            {
                if (ready[okAt + i]) return new WaitResult(WaitOutcome.SupervisorGone, Directory: _directories[i]);
            }
            long left = deadline - clock();
            if (left <= 0) return new WaitResult(WaitOutcome.TimedOut);
            Array.Clear(ready);
            Errno errno = Poll.WaitReadable(set, ready, left >= int.MaxValue ? -1 : (int)left);
            if (errno is not (Errno.None or Errno.EINTR)) return new WaitResult(WaitOutcome.SystemError, Errno: errno);
            if (first > 0 && ready[0]) _watch!.Drain();
            foreach (FifoListener? listener in _listeners) listener?.Drain();
        }
    }

    /// <summary>The fallback for a supervise that writes no events: inotify on supervise/.</summary>
    private Errno WatchStatus(string dir)
    {
        if (_watch is null)
        {
            Errno created = DirectoryWatch.CreateEmpty(out _watch);
            if (_watch is null) return created;
        }
        return _watch.Add(ServiceDirectory.Within(dir, ServiceDirectory.SuperviseName));
    }

    /// <summary>The result once the wait is over (all or one service settled), else null.</summary>
    private WaitResult? Evaluate(WaitGoal goal, bool any)
    {
        int settled = 0, failed = 0;
        bool awaitingUp = goal is WaitGoal.Up or WaitGoal.Ready;
        for (int i = 0; i < _directories.Length; i++)
        {
            ServiceStatus status = ServiceStatus.Read(_directories[i]);
            if (IsIn(status, goal) || PassedThrough(i, status, goal))
            {
                settled++;
            }
            else if (awaitingUp && FailedWhileAwaited(i, status))
            {
                settled++;
                failed++;
            }
        }
        if (any ? settled == 0 : settled < _directories.Length) return null;
        return failed > 0 ? new WaitResult(WaitOutcome.Failed, Failed: failed) : new WaitResult(WaitOutcome.Reached);
    }

    // Events, not only states, end a wait for up or down (s6-svwait listens to events): a service
    // that was down when the wait began and is down again with another stamp has been up meanwhile
    // (supervise restamps the status only when ./run starts or dies), and the reverse for down.
    private bool PassedThrough(int i, ServiceStatus status, WaitGoal goal) =>
        status.Failure == StatusFailure.None && _initial[i].Changed.Seconds != 0 && status.Record.Changed != _initial[i].Changed && goal switch
        {
            WaitGoal.Up => !_initial[i].IsUp,
            WaitGoal.Down => _initial[i].IsUp,
            _ => false,
        };

    // A failure counts when it happened during the wait: the flag was clear at the start, or the
    // service has started (and so changed its stamp) since. A stale failure from before does not end
    // the wait, so `svc -u` followed by svwait does not trip over the old flag.
    private bool FailedWhileAwaited(int i, ServiceStatus status) =>
        status.Failure == StatusFailure.None && status.Extension is { HasFailed: true }
            && (!_initiallyFailed[i] || status.Record.Changed != _initial[i].Changed);

    public void Dispose()
    {
        foreach (FifoListener? listener in _listeners) listener?.Dispose();
        foreach (Descriptor fd in _ok)
        {
            if (fd.IsValid) fd.Close();
        }
        _watch?.Dispose();
    }
}
