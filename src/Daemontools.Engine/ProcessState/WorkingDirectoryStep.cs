namespace Daemontools.Engine.ProcessState;

/// <summary>What could not be done with the working directory.</summary>
public enum WorkingDirectoryStep
{
    /// <summary>"." could not be opened (0.76's svc, svstat and envdir open it to come back to).</summary>
    OpenCurrent,

    /// <summary>chdir failed.</summary>
    Change,
}
