namespace Daemontools.PowerShell;

/// <summary>What Stop-SvScan stopped: the directory, svscan's pid, the services that were supervised, and whether anything had to be killed.</summary>
public sealed class SvScanStopResult
{
    /// <summary>Creates the record.</summary>
    public SvScanStopResult(string path, int processId, IReadOnlyList<string> services, bool killed, TimeSpan duration)
    {
        Path = path;
        ProcessId = processId;
        Services = [.. services];
        Killed = killed;
        Duration = duration;
    }

    /// <summary>The scan directory (absolute).</summary>
    public string Path { get; }

    /// <summary>The pid svscan had.</summary>
    public int ProcessId { get; }

    /// <summary>Service directories (NAME and NAME/log) whose supervise was running when the shutdown began.</summary>
    public string[] Services { get; }

    /// <summary>The timeout passed and svscan and its tree were killed.</summary>
    public bool Killed { get; }

    /// <summary>How long the shutdown took.</summary>
    public TimeSpan Duration { get; }

    public override string ToString() => Path;
}
