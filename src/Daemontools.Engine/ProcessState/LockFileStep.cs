namespace Daemontools.Engine.ProcessState;

/// <summary>The step of taking a lock file that failed.</summary>
public enum LockFileStep
{
    /// <summary>The file could not be opened (or created).</summary>
    Open,

    /// <summary>The lock could not be taken (EAGAIN: another process holds it).</summary>
    Lock,
}
