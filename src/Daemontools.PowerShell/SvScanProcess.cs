namespace Daemontools.PowerShell;

/// <summary>An svscan started by Start-SvScan: the directory it scans, its pid, when it started.</summary>
public sealed class SvScanProcess
{
    /// <summary>Creates the record.</summary>
    public SvScanProcess(string path, int processId, DateTime startTime)
    {
        Path = path;
        ProcessId = processId;
        StartTime = startTime;
    }

    /// <summary>The scan directory (absolute).</summary>
    public string Path { get; }

    /// <summary>svscan's pid.</summary>
    public int ProcessId { get; }

    /// <summary>When it was started (UTC; a DateTime so it stays one through remoting).</summary>
    public DateTime StartTime { get; }

    public override string ToString() => Path;
}
