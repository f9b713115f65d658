using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>A logger cannot start: a directory cannot be opened or locked, a status file cannot be created, ...</summary>
public sealed class MultilogException : SystemFailureException<MultilogStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> on <paramref name="path"/> (as the script names it).</summary>
    public MultilogException(MultilogStep step, string path, Errno errno)
        : base(step, path, errno)
    {
    }

    /// <summary>Another logger holds the directory's lock.</summary>
    public bool IsHeldElsewhere => Step == MultilogStep.LockDirectory && Errno == Errno.EAGAIN;
}
