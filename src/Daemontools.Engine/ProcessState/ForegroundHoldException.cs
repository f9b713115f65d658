using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>fghack could not start or watch its program.</summary>
public sealed class ForegroundHoldException : IOException
{
    /// <summary>Creates the exception for <paramref name="operation"/> ("pipe", "run", "wait").</summary>
    public ForegroundHoldException(string operation, int errno)
        : base(new UnixException(errno, operation).Message)
    {
        Operation = operation;
        Errno = errno;
    }

    /// <summary>What failed: "pipe", "run" or "wait".</summary>
    public string Operation { get; }

    /// <summary>errno of the failed call.</summary>
    public int Errno { get; }
}
