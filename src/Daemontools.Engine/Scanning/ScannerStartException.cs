using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>svscan could not be started on a directory.</summary>
public sealed class ScannerStartException : SystemFailureException<ScannerStartStep>
{
    /// <summary>The failure of <paramref name="step"/> for <paramref name="directory"/>, explained by <paramref name="reason"/>.</summary>
    public ScannerStartException(ScannerStartStep step, string directory, string reason)
        : base(step, directory, Errno.None, reason)
    {
    }

    /// <summary>The failure of <paramref name="step"/> for <paramref name="directory"/> with <paramref name="errno"/>.</summary>
    public ScannerStartException(ScannerStartStep step, string directory, Errno errno)
        : base(step, directory, errno)
    {
    }

    /// <summary>The scan directory.</summary>
    public string Directory => Path!;
}
