using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>The outcome of taking a scan directory's lock: the holder's pid when another svscan has it (-1 when unreadable), errno when it could not be taken.</summary>
public readonly record struct ScanLock(ScanLockOutcome Outcome, int HolderPid, Errno Errno);
