using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>The working directory could not be opened or changed.</summary>
public sealed class WorkingDirectoryException(WorkingDirectoryStep step, string path, Errno errno)
    : SystemFailureException<WorkingDirectoryStep>(step, path, errno);
