namespace Daemontools.Engine.Supervision;

/// <summary>
/// What a supervised service is doing: 0.76's up or down, refined by an extended status (a
/// directory with the new files) into starting, ready, stopping and finishing.
/// </summary>
public enum ServicePhase
{
    /// <summary>./run is running.</summary>
    Up,

    /// <summary>./run is not running.</summary>
    Down,

    /// <summary>./run is running and has not yet written its readiness line (notification-fd).</summary>
    Starting,

    /// <summary>./run is running and said it is ready.</summary>
    Ready,

    /// <summary>./run was told to stop (svc -d or -r) and is still running.</summary>
    Stopping,

    /// <summary>./run has ended and ./finish is running.</summary>
    Finishing,
}
