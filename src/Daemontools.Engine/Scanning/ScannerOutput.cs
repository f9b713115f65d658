namespace Daemontools.Engine.Scanning;

/// <summary>Where a started svscan's warnings (and its supervisors' stderr) go.</summary>
public enum ScannerOutput
{
    /// <summary>Into readproctitle, visible in ps, as svscanboot does.</summary>
    ReadProcTitle,

    /// <summary>Appended to a file.</summary>
    File,

    /// <summary>The caller's own stdout and stderr (foreground use).</summary>
    Inherit,
}
