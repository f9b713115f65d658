namespace Daemontools.PowerShell;

/// <summary>
/// What a service directory is doing, as Get-SvStat reports it. A directory without the new files
/// is Up, Down or NotSupervised, as under 0.76; one with them is also Starting, Ready, Stopping or
/// Finishing.
/// </summary>
public enum SvState
{
    /// <summary>./run is running.</summary>
    Up,

    /// <summary>supervise runs, ./run does not.</summary>
    Down,

    /// <summary>No supervise is running on the directory.</summary>
    NotSupervised,

    /// <summary>./run is running and has not yet written its readiness line (notification-fd).</summary>
    Starting,

    /// <summary>./run is running and said it is ready.</summary>
    Ready,

    /// <summary>./run was told to stop (svc -d or -r) and is still running.</summary>
    Stopping,

    /// <summary>./run has ended and ./finish is running.</summary>
    Finishing,
}
