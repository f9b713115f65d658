namespace Daemontools.Engine.Supervision;

/// <summary>What opening supervise/ok for writing says about a service directory (svok).</summary>
public enum ProbeOutcome
{
    /// <summary>A supervise holds supervise/ok open: it is running.</summary>
    Running,

    /// <summary>supervise/ok exists but nobody reads it (ENXIO): supervise is not running.</summary>
    NotRunning,

    /// <summary>supervise/ok does not exist (ENOENT): supervise never ran here.</summary>
    NeverRan,

    /// <summary>The directory could not be entered.</summary>
    DirectoryUnavailable,

    /// <summary>supervise/ok could not be opened for another reason.</summary>
    Failed,
}
