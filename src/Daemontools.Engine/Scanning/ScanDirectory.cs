using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Scanning;

/// <summary>Facts about a scan directory shared by svscan and the cmdlets: its lock file and who holds it.</summary>
public static class ScanDirectory
{
    /// <summary>The lock svscan holds in the directory it scans (a dot name, so no scanner takes it for a service).</summary>
    public const string LockName = ".svscan.lock";

    /// <summary>The pid of the svscan scanning <paramref name="directory"/>: 0 when none, -1 when one holds the lock but its pid is unreadable.</summary>
    public static int ScannerPid(string directory) => PidLockFile.Holder(Path.Combine(directory, LockName));
}
