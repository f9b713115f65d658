using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>Facts about a scan directory shared by svscan and the cmdlets: its lock file and who holds it.</summary>
public static class ScanDirectory
{
    /// <summary>The lock svscan holds in the directory it scans (a dot name, so no scanner takes it for a service).</summary>
    public const string LockName = ".svscan.lock";

    /// <summary>The pid of the svscan scanning <paramref name="directory"/>: 0 when none, -1 when one holds the lock but its pid is unreadable.</summary>
    public static int ScannerPid(string directory) => PidLockFile.Holder(Path.Combine(directory, LockName));

    /// <summary>Takes the lock of the working directory for the rest of this process's life, writing our pid into it.</summary>
    public static ScanLock LockWorkingDirectory()
    {
        Errno errno = PidLockFile.Acquire(LockName, out _);
        if (errno == Errno.None) return new ScanLock(ScanLockOutcome.Acquired, 0, Errno.None);
        if (errno == Errno.EAGAIN) return new ScanLock(ScanLockOutcome.HeldElsewhere, PidLockFile.Holder(LockName), errno);
        return new ScanLock(ScanLockOutcome.Unavailable, 0, errno);
    }
}
