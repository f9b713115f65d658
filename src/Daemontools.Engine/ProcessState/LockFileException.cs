using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>A lock file could not be opened, or locked.</summary>
public sealed class LockFileException(LockFileStep step, string path, Errno errno)
    : SystemFailureException<LockFileStep>(step, path, errno)
{
    /// <summary>True when the lock is held elsewhere and waiting was not wanted.</summary>
    public bool IsHeldElsewhere => Step == LockFileStep.Lock && Errno == Errno.EAGAIN;
}
