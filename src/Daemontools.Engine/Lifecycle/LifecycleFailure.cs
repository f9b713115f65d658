namespace Daemontools.Engine.Lifecycle;

/// <summary>Why a lifecycle operation did not happen (each kind becomes one stable error id in the cmdlets).</summary>
public enum LifecycleFailure
{
    /// <summary>A service directory of that name exists already.</summary>
    ServiceExists,

    /// <summary>A supervise runs in the service directory, so it cannot be replaced or deleted.</summary>
    ServiceInUse,

    /// <summary>The path is not a service directory (no such directory, or no ./run in it).</summary>
    NotAServiceDirectory,

    /// <summary>The scan directory already has an entry of that name for another directory.</summary>
    NameTaken,

    /// <summary>The service is not enabled in the scan directory.</summary>
    NotEnabled,

    /// <summary>The scan directory does not exist.</summary>
    ScanDirectoryNotFound,

    /// <summary>An account named in the definition does not exist.</summary>
    AccountNotFound,

    /// <summary>A supervise or logger did not finish in the time allowed.</summary>
    TimedOut,

    /// <summary>A file-system step failed (the inner exception says which and why).</summary>
    FileSystem,
}
