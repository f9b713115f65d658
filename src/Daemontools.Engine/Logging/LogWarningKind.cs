namespace Daemontools.Engine.Logging;

/// <summary>
/// Troubles a logger works around by pausing and retrying (multilog 0.76 prints each as "warning: ..., pausing"),
/// and the two ways its input journal can fall short, which it works around without pausing.
/// </summary>
public enum LogWarningKind
{
    /// <summary>current could not be written to (disk full, EIO, ...).</summary>
    Write,

    /// <summary>A file could not be written to disk (fsync).</summary>
    Sync,

    /// <summary>current could not be renamed to previous in the directory.</summary>
    RenameCurrent,

    /// <summary>A file (a new current, processed, newstate) could not be created.</summary>
    Create,

    /// <summary>A file's mode could not be set.</summary>
    SetMode,

    /// <summary>A file could not be removed.</summary>
    Remove,

    /// <summary>newstate could not be renamed to state in the directory.</summary>
    RenameNewState,

    /// <summary>The processor could not be started.</summary>
    StartProcessor,

    /// <summary>The processor was killed by a signal (0.76 then reports "failed" too).</summary>
    ProcessorCrashed,

    /// <summary>The processor exited non-zero (no errno).</summary>
    ProcessorFailed,

    /// <summary>A file could not be examined.</summary>
    Stat,

    /// <summary>An archive name could not be linked to.</summary>
    Link,

    /// <summary>The directory could not be read to trim old archives.</summary>
    ReadDirectory,

    /// <summary>A status file could not be written.</summary>
    WriteStatusFile,

    /// <summary>
    /// The input journal could not be made (File is its name, Errno why; None: too many directories):
    /// the logger goes on without it, as 0.76 does, and a kill may lose or repeat the lines in flight. Not paused on.
    /// </summary>
    NoJournal,

    /// <summary>
    /// After a kill, the directory's files do not show how much of the interrupted transaction reached it
    /// (changed by something else meanwhile): that input is logged there again. Not paused on.
    /// </summary>
    Unmeasured,
}
