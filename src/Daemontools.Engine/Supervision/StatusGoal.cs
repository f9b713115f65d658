namespace Daemontools.Engine.Supervision;

/// <summary>A state to wait for after sending control commands (the runit `sv -w` / s6-svwait capability 0.76 lacks).</summary>
public enum StatusGoal
{
    /// <summary>The service is up.</summary>
    Up,

    /// <summary>The service is down.</summary>
    Down,

    /// <summary>A one-shot started: it is up, or it changed state after the command (it may have finished before anyone saw it up).</summary>
    StartedOnce,

    /// <summary>The service is up and paused.</summary>
    Paused,

    /// <summary>The service is up and not paused.</summary>
    Continued,

    /// <summary>No supervise runs on the directory any more.</summary>
    NotSupervised,
}
