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
/// notification pipe is polled too. No inotify instance: supervise/control's name is checked on
/// every wake instead (<see cref="ControlChannel.Repair"/>). Each status change is also sent as an
/// event letter to the listeners in supervise/event (<see cref="ServiceEvents"/>). Owns the
/// process: it changes the working directory.
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
    private readonly ControlChannel _control;
    private readonly ChildWatch _run;
    private readonly ChildWatch _finish;

    private SupervisorLoop(Supervisor supervisor, RunScript? runScript, ControlChannel control, ChildWatch run, ChildWatch finish)
    {
        _supervisor = supervisor;
        _runScript = runScript;
        _control = control;
        _run = run;
        _finish = finish;
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
        WarnOfTightDescriptorLimit(warn);

        Errno errno = FileSystem.ChangeDirectory(directory);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.ChangeDirectory, directory, errno);

        errno = FileSystem.Stat(ServiceDirectory.DownName, out _);
        if (errno is not (Errno.None or Errno.ENOENT)) throw new SuperviseStartupException(SuperviseStartupStep.StatDown, In(directory, ServiceDirectory.DownName), errno);
        bool normallyUp = errno == Errno.ENOENT;

        FileSystem.MakeDirectory(ServiceDirectory.SuperviseName, FileModes.PrivateDirectory); // 0.76 ignores the result
        errno = FileSystem.OpenAppend(ServiceDirectory.LockName, out Descriptor lockFd);
        if (errno == Errno.None) errno = FileLock.Lock(lockFd, wait: false);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.AcquireLock, In(directory, ServiceDirectory.LockName), errno);

        ControlChannel control = ControlChannel.Open(directory, warn);
        ServiceEvents? events = ServiceEvents.Open(lockFd);

        runner ??= new RunScript(directory, serviceLock);
        ChildWatch run = new(), finish = new();
        var supervisor = new Supervisor(
            normallyUp,
            runner,
            SystemClock.Instance,
            static () => Environment.TickCount64,
            (record, extension) =>
            {
                WriteStatus(record, extension, warn, run, finish);
                events?.Announce(record, extension);
            },
            warn,
            () => SettingsFile.Read(warn),
            deaths =>
            {
                if (DeathTally.Write(deaths.Span) is SupervisorWarning failure) warn(failure);
            });
        supervisor.Begin();

        // Created last: a client that can open supervise/ok knows the lock, control and status exist.
        Fifo.Make(ServiceDirectory.OkName, FileModes.PrivateFile);
        errno = Fifo.OpenReader(FileSystem.WorkingDirectory, ServiceDirectory.OkName, out _);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.ReadOk, In(directory, ServiceDirectory.OkName), errno);

        var loop = new SupervisorLoop(supervisor, runner as RunScript, control, run, finish);
        supervisor.StartIfWanted();
        loop.Watch();
        loop.Loop();
        supervisor.Announce();
        events?.Exiting();
        // lock, the control writer and ok stay open until the process exits, as in 0.76.
    }

    /// <summary>
    /// Writes the status. When no descriptor is left for status.new (a tight RLIMIT_NOFILE), the
    /// pidfds are given up for good (children then being looked for every 100 ms), and the write
    /// is made again: an up-to-date status matters more.
    /// </summary>
    private static void WriteStatus(StatusRecord record, StatusExtension? extension, Action<SupervisorWarning> warn, ChildWatch run, ChildWatch finish)
    {
        SupervisorWarning? failure = StatusFile.Write(record, extension);
        if (failure is { Kind: SupervisorWarningKind.StatusOpen, Errno: Errno.EMFILE } && (run.GiveUp() | finish.GiveUp()))
        {
            failure = StatusFile.Write(record, extension);
        }
        if (failure is SupervisorWarning failed) warn(failed);
    }

    /// <summary>
    /// supervise itself works within a few descriptors, but ./run gets the same limit, and /bin/sh
    /// reads a script on descriptor 10: below 11 a shell-script ./run dies at once ("/bin/sh: 0: 3:
    /// Invalid argument"), every second, which says nothing of the cause. Say it once.
    /// </summary>
    private static void WarnOfTightDescriptorLimit(Action<SupervisorWarning> warn)
    {
        if (Limits.Get(Linux.RLIMIT_NOFILE, out ulong soft, out _) != Errno.None || soft >= ShellScriptDescriptors) return;
        warn(new SupervisorWarning(SupervisorWarningKind.DescriptorLimit, Errno.None, soft.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The descriptor limit /bin/sh (dash) needs to run a script: it moves the script to descriptor 10.</summary>
    private const ulong ShellScriptDescriptors = 11;

    private void Loop()
    {
        Span<Descriptor> fds = stackalloc Descriptor[5];
        Span<bool> ready = stackalloc bool[5];
        Span<byte> commands = stackalloc byte[ControlBufferSize];
        // A regular file found in place of the FIFO at start holds commands: applied now, as 0.76 would.
        _control.Repair(_supervisor, commands);
        while (!_supervisor.ShouldExit)
        {
            int count = 0, controlAt = -1;
            if (_control.Reader.IsValid) fds[controlAt = count++] = _control.Reader;
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
            // Whatever woke us, supervise/control must still be our FIFO; commands written into a
            // regular file in its place came before this wake, so they go before a child's exit.
            _control.Repair(_supervisor, commands);
            ReapChildren();
            if (controlAt >= 0 && ready[controlAt]) _control.Read(_supervisor, commands);
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

    /// <summary>Keeps a pidfd on the current ./run and ./finish, if any.</summary>
    private void Watch()
    {
        _run.Watch(_supervisor.ChildPid);
        _finish.Watch(_supervisor.FinishPid);
    }
}
