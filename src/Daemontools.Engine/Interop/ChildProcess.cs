using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A child we started ourselves: reaped explicitly (waitpid), watchable through a pidfd. Never
/// mix with System.Diagnostics.Process in one process: the runtime reaps its own children and
/// fails fast when someone else does.
/// </summary>
internal readonly partial struct ChildProcess
{
    public ChildProcess(int pid) => Pid = pid;

    /// <summary>The child's pid.</summary>
    public int Pid { get; }

    /// <summary>waitpid(pid, WNOHANG): true and the status once the child has ended.</summary>
    public bool TryReap(out WaitStatus status) => Reap(Pid, out status) > 0;

    /// <summary>Blocks until the child ends; throws when there is no such child of ours.</summary>
    public unsafe WaitStatus Wait()
    {
        int raw, r;
        do r = waitpid(Pid, &raw, 0);
        while (LastError.Interrupted(r));
        return r > 0 ? new WaitStatus(raw) : throw new SystemCallException(SystemCall.WaitForChild, LastError.Value);
    }

    /// <summary>A pidfd for the child (Linux 5.3+), readable in poll once it has ended.</summary>
    public Errno OpenPidFd(out Descriptor fd)
    {
        Errno errno = ForeignProcess.Open(Pid, out ForeignProcess process); // the one pidfd_open; a child needs no more of it
        fd = process.Handle;
        return errno;
    }

    /// <summary>kill(2); false when the process is gone (or not ours to signal).</summary>
    public bool Signal(Signal signal) => Signals.Send(Pid, signal);

    /// <summary>waitpid(-1, WNOHANG): the pid of any ended child and its status, or 0 when none has ended (or there are none).</summary>
    public static int ReapAny(out WaitStatus status) => Math.Max(0, Reap(-1, out status));

    private static unsafe int Reap(int pid, out WaitStatus status)
    {
        int raw, r;
        do r = waitpid(pid, &raw, Linux.WNOHANG);
        while (LastError.Interrupted(r));
        status = r > 0 ? new WaitStatus(raw) : default;
        return r;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static unsafe partial int waitpid(int pid, int* status, int options);
}
