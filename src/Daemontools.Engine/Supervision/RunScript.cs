using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Starts ./run with default signal handlers and an empty mask in the child. For a plain directory
/// exactly as 0.76 does, with fork in the native binary (the pid at once, see ForkExec): no
/// arguments, supervise's environment, descriptors and process group. With the new files through
/// posix_spawn, as s6 does: the directory name as the only argument, the
/// notification pipe on notification-fd, the service lock on lock-fd, a new session with flag-setsid.
/// ./finish gets ./run's exit code (256 when signalled), the signal number (0 when it exited) and the
/// directory name.
/// </summary>
public sealed class RunScript : IServiceRunner
{
    private static readonly SpawnRequest PlainRequest = new("./run", ["./run"]);

    private readonly string _directory;
    private readonly ServiceLock? _lock;
    private Descriptor _notification = Descriptor.None;

    /// <summary>Creates the runner for the directory supervise was given (<paramref name="directory"/>, as given).</summary>
    public RunScript(string directory = ".", ServiceLock? serviceLock = null)
    {
        _directory = directory;
        _lock = serviceLock;
    }

    /// <summary>True while the current ./run's notification pipe is open.</summary>
    public bool Notifying => _notification.IsValid;

    /// <summary>The read end of the current ./run's notification pipe (invalid when none).</summary>
    internal Descriptor Notification => _notification;

    /// <inheritdoc />
    public StartResult Start()
    {
        // As 0.76: the pid as soon as the child exists, so "up" is written before ./run runs.
        SpawnResult started = Spawner.SpawnAtOnce(PlainRequest);
        return new StartResult(started.Started ? started.Child.Pid : -1, started.Errno);
    }

    /// <inheritdoc />
    public Errno TakeExecFailure(int pid) => ForkExec.Failure(pid);

    /// <inheritdoc />
    public StartResult Start(ServiceSettings settings)
    {
        CloseNotification();
        if (!settings.UsesNewFeatures) return Start();

        // Sources above every target, so that no dup2 in the child overwrites another's source.
        int above = Math.Max(settings.NotificationFd ?? 0, settings.LockFd ?? 0) + 1;
        var descriptors = new List<(Descriptor From, int To)>(2);
        PipePair notify = default;
        bool notifying = settings.NotificationFd is not null;
        if (notifying)
        {
            Errno errno = Pipe.Create(out notify);
            if (errno != Errno.None) return new StartResult(-1, errno);
            notify = notify with { Write = notify.Write.MoveAbove(above) };
            descriptors.Add((notify.Write, settings.NotificationFd!.Value));
        }
        Descriptor lockFd = Descriptor.None;
        string program = "./run";
        string[] arguments = ["./run", _directory];
        if (settings.LockFd is int target)
        {
            Errno errno = _lock is null ? Errno.ENOSYS : _lock.Open(out lockFd);
            if (errno != Errno.None)
            {
                if (notifying) notify.Close();
                return new StartResult(-1, errno);
            }
            lockFd = lockFd.MoveAbove(above);
            descriptors.Add((lockFd, target));
            if (!_lock!.TryTake(lockFd))
            {
                // A stale copy of the service holds it: the new ./run waits for it in a helper
                // that takes the lock on that descriptor and then becomes ./run (same pid).
                (program, arguments) = _lock.Waiter(target, arguments);
            }
        }

        var request = new SpawnRequest(program, arguments) { Descriptors = descriptors, NewSession = settings.NewSession };
        SpawnResult started = Spawner.Spawn(request);
        if (lockFd.IsValid) lockFd.Close();
        if (notifying)
        {
            notify.Write.Close();
            if (started.Started) _notification = notify.Read;
            else notify.Read.Close();
        }
        return new StartResult(started.Started ? started.Child.Pid : -1, started.Errno);
    }

    /// <inheritdoc />
    public StartResult StartFinish(ServiceSettings settings, int exitCode, int signal)
    {
        CloseNotification();
        var request = new SpawnRequest("./finish", ["./finish", Number(exitCode), Number(signal), _directory]) { NewSession = settings.NewSession };
        SpawnResult started = Spawner.Spawn(request);
        return new StartResult(started.Started ? started.Child.Pid : -1, started.Errno);
    }

    /// <inheritdoc />
    public void Signal(int pid, Signal signal) => Signals.Send(pid, signal);

    /// <inheritdoc />
    public bool SignalGroup(int pid, Signal signal) => Signals.SendToGroup(pid, signal);

    /// <summary>
    /// Reads what ./run wrote to its notification pipe: true once a newline arrived (ready). The
    /// pipe is closed then, and at end of file.
    /// </summary>
    public bool ReadNotification()
    {
        Span<byte> buffer = stackalloc byte[64];
        Errno errno = _notification.Read(buffer, out int n);
        if (errno == Errno.EAGAIN) return false;
        bool ready = errno == Errno.None && buffer[..n].IndexOf((byte)'\n') >= 0;
        if (ready || errno != Errno.None || n == 0) CloseNotification();
        return ready;
    }

    /// <summary>Closes the notification pipe (./run died, or said it was ready).</summary>
    public void CloseNotification()
    {
        if (_notification.IsValid) _notification.Close();
        _notification = Descriptor.None;
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
