namespace Daemontools.Engine.Scanning;

/// <summary>The step of starting svscan from a session that failed.</summary>
public enum ScannerStartStep
{
    /// <summary>The shell that starts svscan could not be run, or failed.</summary>
    Launch,

    /// <summary>svscan ended before it took the directory's lock (<see cref="ScannerStartException.EndedWith"/> says how).</summary>
    ScannerEnded,

    /// <summary>svscan did not take the directory's lock in time.</summary>
    ScannerTimedOut,
}
