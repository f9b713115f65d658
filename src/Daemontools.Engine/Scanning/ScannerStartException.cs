namespace Daemontools.Engine.Scanning;

/// <summary>svscan could not be started on a directory.</summary>
public sealed class ScannerStartException : Exception
{
    /// <summary>Creates the exception for <paramref name="directory"/> with the <paramref name="reason"/>.</summary>
    public ScannerStartException(string directory, string reason)
        : base($"unable to start svscan on {directory}: {reason}")
    {
        Directory = directory;
    }

    /// <summary>The scan directory.</summary>
    public string Directory { get; }
}
