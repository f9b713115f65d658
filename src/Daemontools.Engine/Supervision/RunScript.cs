using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Starts ./run through posix_spawn (default signal handlers and an empty mask in the child). For
/// a plain directory exactly as 0.76 does: no arguments, supervise's environment, descriptors and
/// process group. With the new files as s6 does: the directory name as the only argument, the
/// notification pipe on notification-fd, the service lock on lock-fd, a new session with flag-setsid.
/// ./finish gets ./run's exit code (256 when signalled), the signal number (0 when it exited) and the
/// directory name.
/// </summary>
public sealed class RunScript : IServiceRunner
{
    private static readonly SpawnRequest PlainRequest = new("./run", ["./run"]);

    private readonly string _directory;
    private readonly ServiceLock? _lock;

    /// <summary>Creates the runner for the directory supervise was given (<paramref name="directory"/>, as given).</summary>
    public RunScript(string directory = ".", ServiceLock? serviceLock = null)
    {
        _directory = directory;
        _lock = serviceLock;
    }

    /// <summary>The read end of the current ./run's notification pipe, or -1.</summary>
    public int NotificationFd { get; private set; } = -1;

    /// <inheritdoc />
    public int Start(out int errno) => Spawner.TrySpawn(PlainRequest, out errno);

    /// <inheritdoc />
    public int Start(ServiceSettings settings, out int errno)
    {
        CloseNotification();
        if (!settings.UsesNewFeatures) return Start(out errno);

        var descriptors = new List<(int From, int To)>(2);
        PipePair notify = default;
        bool notifying = settings.NotificationFd is not null;
        if (notifying)
        {
            if (!PipePair.TryCreate(out notify, out errno)) return -1;
            descriptors.Add((notify.Write, settings.NotificationFd!.Value));
        }
        int lockFd = -1;
        string program = "./run";
        string[] arguments = ["./run", _directory];
        if (settings.LockFd is int target)
        {
            errno = Errno.ENOSYS;
            lockFd = _lock is null ? -1 : _lock.Open(out errno);
            if (lockFd < 0)
            {
                if (notifying) notify.Close();
                return -1;
            }
            descriptors.Add((lockFd, target));
            if (!_lock!.TryTake(lockFd))
            {
                // A stale copy of the service holds it: the new ./run waits for it in a helper
                // that takes the lock on that descriptor and then becomes ./run (same pid).
                (program, arguments) = _lock.Waiter(target, arguments);
            }
        }

        var request = new SpawnRequest(program, arguments) { Descriptors = descriptors, NewSession = settings.NewSession };
        int pid = Spawner.TrySpawn(request, out errno);
        if (lockFd >= 0) Descriptor.Close(lockFd);
        if (notifying)
        {
            Descriptor.Close(notify.Write);
            if (pid > 0) NotificationFd = notify.Read;
            else Descriptor.Close(notify.Read);
        }
        return pid;
    }

    /// <inheritdoc />
    public int StartFinish(ServiceSettings settings, int exitCode, int signal, out int errno)
    {
        CloseNotification();
        var request = new SpawnRequest("./finish", ["./finish", Number(exitCode), Number(signal), _directory]) { NewSession = settings.NewSession };
        return Spawner.TrySpawn(request, out errno);
    }

    /// <inheritdoc />
    public void Signal(int pid, int signal) => ProcessSignals.Send(pid, signal);

    /// <inheritdoc />
    public bool SignalGroup(int pid, int signal) => ProcessSignals.LeadsGroup(pid) && ProcessSignals.SendToGroup(pid, signal);

    /// <summary>Closes the notification pipe (./run died, or said it was ready and closed its end).</summary>
    public void CloseNotification()
    {
        if (NotificationFd >= 0) Descriptor.Close(NotificationFd);
        NotificationFd = -1;
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
