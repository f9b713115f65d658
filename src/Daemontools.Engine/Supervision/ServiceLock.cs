using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// lock-fd: supervise/service-lock (s6's file), locked with an exclusive flock on a descriptor
/// only ./run holds, so the lock lasts exactly as long as the service and whatever it forked with
/// that descriptor. When a stale copy still holds it (supervise was killed and started again),
/// supervise warns once and ./run is started through a waiter that blocks on the lock first.
/// </summary>
public sealed class ServiceLock
{
    /// <summary>The lock file, relative to the service directory.</summary>
    public const string FileName = "supervise/service-lock";

    private readonly Func<int, string[], (string Program, string[] Arguments)> _waiter;
    private readonly Action<SupervisorWarning> _warn;
    private bool _warned;

    /// <summary>
    /// <paramref name="waiter"/> turns (descriptor, ./run's argv) into the program and argv that lock
    /// that descriptor, waiting, and then execute ./run in the same process.
    /// </summary>
    public ServiceLock(Func<int, string[], (string Program, string[] Arguments)> waiter, Action<SupervisorWarning> warn)
    {
        _waiter = waiter;
        _warn = warn;
    }

    /// <summary>A new open file description of the lock file (close-on-exec).</summary>
    internal Errno Open(out Descriptor fd)
    {
        Errno errno = FileSystem.Open(FileName, Linux.O_WRONLY | Linux.O_CREAT, FileModes.Readable, out fd);
        if (errno != Errno.None) _warn(new SupervisorWarning(SupervisorWarningKind.DescriptorFailed, errno, FileName));
        return errno;
    }

    /// <summary>Takes the lock on <paramref name="fd"/> without waiting; false (warned once) when another copy holds it.</summary>
    internal bool TryTake(Descriptor fd)
    {
        if (FileLock.Lock(fd, wait: false) == Errno.None)
        {
            _warned = false;
            return true;
        }
        if (!_warned) _warn(new SupervisorWarning(SupervisorWarningKind.LockBusy, Errno.None, FileName));
        _warned = true;
        return false;
    }

    /// <summary>The waiter's side: blocks until the lock on the inherited descriptor <paramref name="fd"/> is ours.</summary>
    public static Errno WaitFor(int fd) => FileLock.Lock(new Descriptor(fd), wait: true);

    /// <summary>The waiter's program and argv for the lock on <paramref name="fd"/> and ./run's <paramref name="arguments"/>.</summary>
    public (string Program, string[] Arguments) Waiter(int fd, string[] arguments) => _waiter(fd, arguments);
}
