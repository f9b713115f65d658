using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

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
    // One read takes what a burst of clients queued (a client's write is at most PIPE_BUF bytes);
    // the batch is applied in order and announced once.
    private const int ControlBufferSize = 4096;

    // Without pidfd support (Linux before 5.3) the child is polled for at this interval.
    private const int ReapIntervalMilliseconds = 100;

    private readonly Supervisor _supervisor;
    private readonly RunScript? _runScript;
    private readonly Descriptor _control;
    private readonly ChildWatch _run = new();
    private readonly ChildWatch _finish = new();
    private bool _controlOpen = true;

    private SupervisorLoop(Supervisor supervisor, RunScript? runScript, Descriptor control)
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
        Signals.SetDefault(Signal.Child);
        // supervise needs no signal: a stray one (PIPE from a closed stderr, HUP, USR1...) must not end it.
        CurrentProcess.IgnoreStraySignals();

        Errno errno = FileSystem.ChangeDirectory(directory);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.ChangeDirectory, directory, errno);

        errno = FileSystem.Stat(ServiceDirectory.DownName, out _);
        if (errno is not (Errno.None or Errno.ENOENT)) throw new SuperviseStartupException(SuperviseStartupStep.StatDown, In(directory, ServiceDirectory.DownName), errno);
        bool normallyUp = errno == Errno.ENOENT;

        FileSystem.MakeDirectory(ServiceDirectory.SuperviseName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // 0.76 ignores the result
        errno = FileSystem.OpenAppend(ServiceDirectory.LockName, out Descriptor lockFd);
        if (errno == Errno.None) errno = FileLock.Lock(lockFd, wait: false);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.AcquireLock, In(directory, ServiceDirectory.LockName), errno);

        Fifo.Make(ServiceDirectory.ControlName, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an existing FIFO is reused
        errno = Fifo.OpenReader(FileSystem.WorkingDirectory, ServiceDirectory.ControlName, out Descriptor control);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.ReadControl, In(directory, ServiceDirectory.ControlName), errno);
        // Kept open for life so that the FIFO never reads end-of-file between clients.
        errno = Fifo.OpenWriter(FileSystem.WorkingDirectory, ServiceDirectory.ControlName, out _);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.WriteControl, In(directory, ServiceDirectory.ControlName), errno);

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
        Fifo.Make(ServiceDirectory.OkName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        errno = Fifo.OpenReader(FileSystem.WorkingDirectory, ServiceDirectory.OkName, out _);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.ReadOk, In(directory, ServiceDirectory.OkName), errno);

        var loop = new SupervisorLoop(supervisor, runner as RunScript, control);
        supervisor.StartIfWanted();
        loop.Watch();
        loop.Loop();
        supervisor.Announce();
        // lock, the control writer and ok stay open until the process exits, as in 0.76.
    }

    private void Loop()
    {
        Span<Descriptor> fds = stackalloc Descriptor[4];
        Span<bool> ready = stackalloc bool[4];
        Span<byte> commands = stackalloc byte[ControlBufferSize];
        while (!_supervisor.ShouldExit)
        {
            int count = 0;
            if (_controlOpen) fds[count++] = _control;
            if (_run.PidFd.IsValid) fds[count++] = _run.PidFd;
            if (_finish.PidFd.IsValid) fds[count++] = _finish.PidFd;
            bool notifying = _runScript?.Notifying == true;
            if (notifying) fds[count++] = _runScript!.Notification;
            ready.Clear();
            if (Poll.WaitReadable(fds[..count], ready, Timeout()) is not (Errno.None or Errno.EINTR))
            {
                // poll itself failed (ENOMEM): do not spin; the next pass retries.
                Thread.Sleep(ReapIntervalMilliseconds);
            }

            // Readiness before reaping: a ./run that says ready and exits at once was ready.
            if (notifying && ready[count - 1] && _runScript!.ReadNotification()) _supervisor.OnReady();
            ReapChildren();
            if (_controlOpen && ready[0]) ReadCommands(commands);
            _supervisor.OnDeadline();
            Watch();
        }
    }

    /// <summary>Milliseconds until the next owed start, or -1 to sleep until something happens.</summary>
    private int Timeout()
    {
        int timeout = -1;
        if (_supervisor.NextDeadline is long deadline)
        {
            timeout = (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
        }
        bool unwatched = (_supervisor.ChildPid != 0 && !_run.PidFd.IsValid) || (_supervisor.FinishPid != 0 && !_finish.PidFd.IsValid);
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
        while ((pid = ChildProcess.ReapAny(out WaitStatus status)) > 0)
        {
            if (pid == _supervisor.ChildPid)
            {
                _run.Unwatch();
                _runScript?.CloseNotification();
                if (status.Signaled) _supervisor.OnChildKilled((int)status.Signal);
                else _supervisor.OnChildExited(status.ExitCode);
            }
            else if (pid == _supervisor.FinishPid)
            {
                _finish.Unwatch();
                _supervisor.OnFinishEnded(status.Signaled, status.Signaled ? (int)status.Signal : status.ExitCode);
            }
            else
            {
                continue;
            }
            Watch();
        }
    }

    private static string In(string directory, string name) => directory + "/" + name;

    private void ReadCommands(Span<byte> buffer)
    {
        if (_control.Read(buffer, out int n) != Errno.None) return;
        if (n == 0)
        {
            // End of file cannot happen on our FIFO (we hold a writer): supervise/control is not
            // a FIFO. Stop polling it rather than spin (0.76 spins at full CPU here).
            _controlOpen = false;
            return;
        }
        if (n > 0) _supervisor.OnControl(buffer[..n]);
    }

    /// <summary>Keeps a pidfd on the current ./run and ./finish, if any.</summary>
    private void Watch()
    {
        _run.Watch(_supervisor.ChildPid);
        _finish.Watch(_supervisor.FinishPid);
    }
}
