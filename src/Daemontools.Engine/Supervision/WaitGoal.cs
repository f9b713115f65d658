namespace Daemontools.Engine.Supervision;

/// <summary>The state svwait waits for (s6-svwait's -u, -U, -d, -D).</summary>
public enum WaitGoal
{
    /// <summary>-u: ./run is running.</summary>
    Up,

    /// <summary>-U: ./run is running and said it is ready (notification-fd).</summary>
    Ready,

    /// <summary>-d: ./run is not running.</summary>
    Down,

    /// <summary>-D: ./run is not running and ./finish is done.</summary>
    Finished,
}
