namespace Daemontools.Engine.Scanning;

/// <summary>What taking a scan directory's lock came to.</summary>
public enum ScanLockOutcome
{
    /// <summary>The lock is ours for the life of the process.</summary>
    Acquired,

    /// <summary>Another svscan holds it.</summary>
    HeldElsewhere,

    /// <summary>The lock file could not be opened or locked (e.g. a read-only directory): no protection, but no other svscan either as far as we know.</summary>
    Unavailable,
}
