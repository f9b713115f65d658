using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>svscan could not be started on a directory.</summary>
public sealed class ScannerStartException : SystemFailureException<ScannerStartStep>
{
    /// <summary>The failure of <paramref name="step"/> for <paramref name="directory"/>; for <see cref="ScannerStartStep.ScannerEnded"/>, how svscan (or its shell) ended.</summary>
    public ScannerStartException(ScannerStartStep step, string directory, Errno errno = Errno.None, WaitStatus? endedWith = null)
        : base(step, directory, errno)
    {
        EndedWith = endedWith;
    }

    /// <summary>The scan directory.</summary>
    public string Directory => Path!;

    /// <summary>How the started process ended, when it did (<see cref="ScannerStartStep.ScannerEnded"/>) and was reaped.</summary>
    public WaitStatus? EndedWith { get; }
}
