namespace Daemontools.PowerShell;

/// <summary>What a service directory is doing, as Get-SvStat reports it.</summary>
public enum SvState
{
    /// <summary>./run is running.</summary>
    Up,

    /// <summary>supervise runs, ./run does not.</summary>
    Down,

    /// <summary>No supervise is running on the directory.</summary>
    NotSupervised,
}
