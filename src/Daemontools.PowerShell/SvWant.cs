namespace Daemontools.PowerShell;

/// <summary>What supervise was last told to keep the service at (status byte 17).</summary>
public enum SvWant
{
    /// <summary>Keep it up (restart when it exits).</summary>
    Up,

    /// <summary>Keep it down.</summary>
    Down,

    /// <summary>Run it once; no restart (after svc -o).</summary>
    Once,
}
