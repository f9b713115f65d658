using Daemontools.Engine.Interop;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// The supervise process: takes charge of a service directory as 0.76 does (chdir, ./down,
/// supervise/lock, control and ok FIFOs in that order) and runs one <see cref="Supervisor"/>
/// on a single thread. It sleeps in poll on the control FIFO and a pidfd of ./run, so child
/// exits and control bytes are handled the moment they arrive; no signal handler is needed,
/// and every child is reaped explicitly. ./finish gets a pidfd of its own, and ./run's
/// notification pipe is polled too. Owns the process: it changes the working directory.
/// </summary>
public sealed class SupervisorLoop
{
    private const int ControlBufferSize = 64;

    // Without pidfd support (Linux before 5.3) the child is polled for at this interval.
    private const int ReapIntervalMilliseconds = 100;

    private readonly Supervisor _supervisor;
    private readonly RunScript? _runScript;
    private readonly int _control;
    private readonly ChildWatch _run = new();
    private readonly ChildWatch _finish = new();
    private bool _controlOpen = true;

    private SupervisorLoop(Supervisor supervisor, RunScript? runScript, int control)
    {
        _supervisor = supervisor;
        _runScript = runScript;
        _control = control;
    }

    /// <summary>
    /// Supervises <paramref name="directory"/> until an `x` command and the service is down.
    /// Throws <see cref="SuperviseStartupException"/> when it cannot take charge.
    /// </summary>
    public static void Run(string directory, Action<SupervisorWarning> warn, IServiceRunner? runner = null, ServiceLock? serviceLock = null)
    {
        // A parent's SIGCHLD = SIG_IGN would make the kernel reap ./run and hide its exit.
        Signals.SetDefault(ProcessSignals.Child);

        int errno = FileSystem.ChangeDirectory(directory);
        if (errno != 0) throw new SuperviseStartupException(SuperviseStartupStep.ChangeDirectory, errno);

        errno = FileSystem.StatAt(FileSystem.WorkingDirectory, ServiceDirectory.DownName);
        if (errno != 0 && errno != Errno.ENOENT) throw new SuperviseStartupException(SuperviseStartupStep.StatDown, errno);
        bool normallyUp = errno == Errno.ENOENT;

        FileSystem.MakeDirectory(ServiceDirectory.SuperviseName, 0x1c0); // 0700; 0.76 ignores the result
        int lockFd = FileSystem.Open(ServiceDirectory.LockName, FileSystem.WriteOnly | FileSystem.NonBlocking | FileSystem.Append | FileSystem.Create | FileSystem.CloseOnExec, 0x180, out errno);
        if (lockFd < 0 || !FileLock.TryLock(lockFd, wait: false, out errno))
        {
            throw new SuperviseStartupException(SuperviseStartupStep.AcquireLock, errno);
        }

        FileSystem.MakeFifo(ServiceDirectory.ControlName, 0x180); // 0600; an existing FIFO is reused
        int control = FileSystem.Open(ServiceDirectory.ControlName, FileSystem.ReadOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (control < 0) throw new SuperviseStartupException(SuperviseStartupStep.ReadControl, errno);
        // Kept open for life so that the FIFO never reads end-of-file between clients.
        int controlWriter = FileSystem.Open(ServiceDirectory.ControlName, FileSystem.WriteOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (controlWriter < 0) throw new SuperviseStartupException(SuperviseStartupStep.WriteControl, errno);

        runner ??= new RunScript(directory, serviceLock);
        var supervisor = new Supervisor(
            normallyUp,
            runner,
            SystemClock.Instance,
            static () => Environment.TickCount64,
            (record, extension) =>
            {
                if (StatusFile.Write(record, extension) is SupervisorWarning failure) warn(failure);
            },
            warn,
            () => SettingsFile.Read(warn),
            deaths =>
            {
                if (DeathTally.Write(deaths.Span) is SupervisorWarning failure) warn(failure);
            });
        supervisor.Begin();

        // Created last: a client that can open supervise/ok knows the lock, control and status exist.
        FileSystem.MakeFifo(ServiceDirectory.OkName, 0x180);
        int ok = FileSystem.Open(ServiceDirectory.OkName, FileSystem.ReadOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (ok < 0) throw new SuperviseStartupException(SuperviseStartupStep.ReadOk, errno);

        var loop = new SupervisorLoop(supervisor, runner as RunScript, control);
        supervisor.StartIfWanted();
        loop.Watch();
        loop.Loop();
        supervisor.Announce();
        // lock, the control writer and ok stay open until the process exits, as in 0.76.
    }

    private void Loop()
    {
        Span<int> fds = stackalloc int[4];
        Span<bool> ready = stackalloc bool[4];
        Span<byte> commands = stackalloc byte[ControlBufferSize];
        while (!_supervisor.ShouldExit)
        {
            int count = 0;
            if (_controlOpen) fds[count++] = _control;
            if (_run.PidFd >= 0) fds[count++] = _run.PidFd;
            if (_finish.PidFd >= 0) fds[count++] = _finish.PidFd;
            int notification = _runScript?.NotificationFd ?? -1;
            if (notification >= 0) fds[count++] = notification;
            ready.Clear();
            if (Poller.WaitReadable(fds[..count], ready, Timeout()) is not (0 or Errno.EINTR))
            {
                // poll itself failed (ENOMEM): do not spin; the next pass retries.
                Thread.Sleep(ReapIntervalMilliseconds);
            }

            if (notification >= 0 && ready[count - 1]) ReadNotification(commands);
            ReapChildren();
            if (_controlOpen && ready[0]) ReadCommands(commands);
            _supervisor.OnDeadline();
            Watch();
        }
    }

    /// <summary>A newline on the notification pipe means ready; end of file (or an error) ends the watch.</summary>
    private void ReadNotification(Span<byte> buffer)
    {
        int n = Descriptor.TryRead(_runScript!.NotificationFd, buffer, out int errno);
        if (n < 0 && errno == Errno.EAGAIN) return;
        if (n > 0 && buffer[..n].IndexOf((byte)'\n') < 0) return;
        if (n > 0) _supervisor.OnReady();
        _runScript.CloseNotification();
    }

    /// <summary>Milliseconds until the next owed start, or -1 to sleep until something happens.</summary>
    private int Timeout()
    {
        int timeout = -1;
        if (_supervisor.NextDeadline is long deadline)
        {
            timeout = (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
        }
        bool unwatched = (_supervisor.ChildPid != 0 && _run.PidFd < 0) || (_supervisor.FinishPid != 0 && _finish.PidFd < 0);
        if (unwatched && (timeout < 0 || timeout > ReapIntervalMilliseconds))
        {
            timeout = ReapIntervalMilliseconds;
        }
        return timeout;
    }

    /// <summary>Reaps every ended child (./run, ./finish and any inherited one), so none is left a zombie.</summary>
    private void ReapChildren()
    {
        int pid;
        while ((pid = ChildProcesses.ReapAny(out WaitStatus status)) > 0)
        {
            if (pid == _supervisor.ChildPid)
            {
                _run.Unwatch();
                _runScript?.CloseNotification();
                if (status.Signaled) _supervisor.OnChildKilled(status.Signal);
                else _supervisor.OnChildExited(status.ExitCode);
            }
            else if (pid == _supervisor.FinishPid)
            {
                _finish.Unwatch();
                _supervisor.OnFinishEnded(status.Signaled, status.Signaled ? status.Signal : status.ExitCode);
            }
            else
            {
                continue;
            }
            Watch();
        }
    }

    private void ReadCommands(Span<byte> buffer)
    {
        int n = Descriptor.TryRead(_control, buffer, out _);
        if (n == 0)
        {
            // End of file cannot happen on our FIFO (we hold a writer): supervise/control is not
            // a FIFO. Stop polling it rather than spin (0.76 spins at full CPU here).
            _controlOpen = false;
            return;
        }
        for (int i = 0; i < n; i++) _supervisor.OnControl(buffer[i]);
    }

    /// <summary>Keeps a pidfd on the current ./run and ./finish, if any.</summary>
    private void Watch()
    {
        _run.Watch(_supervisor.ChildPid);
        _finish.Watch(_supervisor.FinishPid);
    }
}
