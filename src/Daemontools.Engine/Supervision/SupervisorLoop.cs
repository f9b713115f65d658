using Daemontools.Engine.Interop;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// The supervise process: takes charge of a service directory as 0.76 does (chdir, ./down,
/// supervise/lock, control and ok FIFOs in that order) and runs one <see cref="Supervisor"/>
/// on a single thread. It sleeps in poll on the control FIFO and a pidfd of ./run, so child
/// exits and control bytes are handled the moment they arrive; no signal handler is needed,
/// and every child is reaped explicitly. Owns the process: it changes the working directory.
/// </summary>
public sealed class SupervisorLoop
{
    // One read takes what a burst of clients queued (a client's write is at most PIPE_BUF bytes);
    // the batch is applied in order and announced once.
    private const int ControlBufferSize = 4096;

    // Without pidfd support (Linux before 5.3) the child is polled for at this interval.
    private const int ReapIntervalMilliseconds = 100;

    private readonly Supervisor _supervisor;
    private readonly int _control;
    private int _pidFd = -1;
    private int _watchedPid;
    private bool _controlOpen = true;

    private SupervisorLoop(Supervisor supervisor, int control)
    {
        _supervisor = supervisor;
        _control = control;
    }

    /// <summary>
    /// Supervises <paramref name="directory"/> until an `x` command and the service is down.
    /// Throws <see cref="SuperviseStartupException"/> when it cannot take charge.
    /// </summary>
    public static void Run(string directory, Action<SupervisorWarning> warn, IServiceRunner? runner = null)
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

        var supervisor = new Supervisor(
            normallyUp,
            runner ?? new RunScript(),
            SystemClock.Instance,
            static () => Environment.TickCount64,
            record =>
            {
                if (StatusFile.Write(record) is SupervisorWarning failure) warn(failure);
            },
            warn);
        supervisor.Begin();

        // Created last: a client that can open supervise/ok knows the lock, control and status exist.
        FileSystem.MakeFifo(ServiceDirectory.OkName, 0x180);
        int ok = FileSystem.Open(ServiceDirectory.OkName, FileSystem.ReadOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (ok < 0) throw new SuperviseStartupException(SuperviseStartupStep.ReadOk, errno);

        var loop = new SupervisorLoop(supervisor, control);
        supervisor.StartIfWanted();
        loop.Watch();
        loop.Loop();
        supervisor.Announce();
        // lock, the control writer and ok stay open until the process exits, as in 0.76.
    }

    private void Loop()
    {
        Span<int> fds = stackalloc int[2];
        Span<bool> ready = stackalloc bool[2];
        Span<byte> commands = stackalloc byte[ControlBufferSize];
        while (!_supervisor.ShouldExit)
        {
            int count = 0;
            if (_controlOpen) fds[count++] = _control;
            if (_pidFd >= 0) fds[count++] = _pidFd;
            if (Poller.WaitReadable(fds[..count], ready, Timeout()) is not (0 or Errno.EINTR))
            {
                // poll itself failed (ENOMEM): do not spin; the next pass retries.
                Thread.Sleep(ReapIntervalMilliseconds);
            }

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
        if (_supervisor.ChildPid != 0 && _pidFd < 0 && (timeout < 0 || timeout > ReapIntervalMilliseconds))
        {
            timeout = ReapIntervalMilliseconds;
        }
        return timeout;
    }

    /// <summary>Reaps every ended child (./run and any inherited one), so none is left a zombie.</summary>
    private void ReapChildren()
    {
        int pid;
        while ((pid = ChildProcesses.ReapAny(out _)) > 0)
        {
            if (pid != _supervisor.ChildPid) continue;
            Unwatch();
            _supervisor.OnChildExited();
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
        if (n > 0) _supervisor.OnControl(buffer[..n]);
    }

    /// <summary>Keeps a pidfd on the current ./run, if any.</summary>
    private void Watch()
    {
        int pid = _supervisor.ChildPid;
        if (pid == _watchedPid) return;
        Unwatch();
        _watchedPid = pid;
        if (pid != 0) _pidFd = ChildProcesses.OpenPidFd(pid, out _);
    }

    private void Unwatch()
    {
        if (_pidFd >= 0) Descriptor.Close(_pidFd);
        _pidFd = -1;
        _watchedPid = 0;
    }
}
