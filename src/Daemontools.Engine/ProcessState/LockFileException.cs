using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>A lock file could not be opened, or locked (EAGAIN: another process holds it).</summary>
public sealed class LockFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public LockFileException(string path, bool opening, int errno)
        : base(new UnixException(errno, opening ? "open" : "lock", path).Message)
    {
        LockPath = path;
        Opening = opening;
        Errno = errno;
    }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>True when opening failed, false when locking did.</summary>
    public bool Opening { get; }

    /// <summary>errno of the failed call.</summary>
    public int Errno { get; }

    /// <summary>True when the lock is held elsewhere and waiting was not wanted.</summary>
    public bool IsHeldElsewhere => !Opening && Errno == Interop.Errno.EAGAIN;
}
