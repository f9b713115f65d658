namespace Daemontools.Engine.Scanning;

/// <summary>The step of starting svscan from a session that failed.</summary>
public enum ScannerStartStep
{
    /// <summary>The shell that starts svscan could not be run, or failed.</summary>
    Launch,

    /// <summary>svscan did not take the directory's lock: it ended first, or took too long.</summary>
    AwaitScanner,
}
