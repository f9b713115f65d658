using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>The working directory could not be opened or changed.</summary>
public sealed class WorkingDirectoryException : SystemFailureException<WorkingDirectoryStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> on <paramref name="path"/>.</summary>
    public WorkingDirectoryException(WorkingDirectoryStep step, string path, Errno errno)
        : base(step, path, errno)
    {
    }
}
