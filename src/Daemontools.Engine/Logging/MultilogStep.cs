namespace Daemontools.Engine.Logging;

/// <summary>The start-up steps of a logger that are fatal when they fail (multilog 0.76's order and words).</summary>
public enum MultilogStep
{
    /// <summary>A log directory could not be opened ("unable to open directory D").</summary>
    OpenDirectory,

    /// <summary>A log directory's lock is held or cannot be taken ("unable to lock directory D").</summary>
    LockDirectory,

    /// <summary>current or processed could not be examined ("unable to stat F").</summary>
    Stat,

    /// <summary>A complete current could not be reopened for appending ("unable to append to F").</summary>
    Append,

    /// <summary>current's mode could not be set ("unable to set mode of F").</summary>
    SetMode,

    /// <summary>state or a new current could not be created ("unable to write to F").</summary>
    Write,

    /// <summary>A status file could not be created ("unable to create F").</summary>
    CreateStatusFile,

    /// <summary>A status file could not be opened for writing ("unable to write F").</summary>
    OpenStatusFile,

    /// <summary>TERM and ALRM could not be caught (the runtime's signal pipe: no descriptors left). Ours only.</summary>
    CatchSignals,
}
