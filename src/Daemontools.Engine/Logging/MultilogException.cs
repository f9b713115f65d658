using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>A logger cannot start: a directory cannot be opened or locked, a status file cannot be created, ...</summary>
public sealed class MultilogException(MultilogStep step, string? path, Errno errno)
    : SystemFailureException<MultilogStep>(step, path, errno)
{
    /// <summary>Another logger holds the directory's lock.</summary>
    public bool IsHeldElsewhere => Step == MultilogStep.LockDirectory && Errno == Errno.EAGAIN;
}
