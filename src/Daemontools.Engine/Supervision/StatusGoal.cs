namespace Daemontools.Engine.Supervision;

/// <summary>A state to wait for (the runit `sv -w` / s6-svwait capability 0.76 lacks).</summary>
public enum StatusGoal
{
    /// <summary>The service is up.</summary>
    Up,

    /// <summary>The service is down and its ./finish, if any, has ended (s6-svwait -D): ready to start again.</summary>
    Down,

    /// <summary>A one-shot started: it is up, or it changed state after the command (it may have finished before anyone saw it up).</summary>
    StartedOnce,

    /// <summary>The service is up and paused.</summary>
    Paused,

    /// <summary>The service is not paused.</summary>
    Continued,

    /// <summary>The service is up as another process than the one up before (a restart).</summary>
    UpAgain,

    /// <summary>The process that was up before is no longer the one up (it was killed; the service may be down or up again).</summary>
    ProcessGone,

    /// <summary>The service is as it starts under supervise: serving (see <see cref="Serving"/>), or down when it has a down file.</summary>
    Normal,

    /// <summary>No supervise runs on the directory any more.</summary>
    NotSupervised,

    /// <summary>The service is up and said it is ready (notification-fd).</summary>
    Ready,

    /// <summary>The service is up and ready as another process than the one up before (a restart awaited with -Ready).</summary>
    ReadyAgain,

    /// <summary>The service is up and not yet ready.</summary>
    Starting,

    /// <summary>The service was told to stop and is still running.</summary>
    Stopping,

    /// <summary>./run has ended and ./finish is running.</summary>
    Finishing,

    /// <summary>The service is up and not being stopped, and ready when it reports readiness (notification-fd): the state a start leads to.</summary>
    Serving,

    /// <summary>Serving as another process than the one up before: the state a restart leads to.</summary>
    ServingAgain,
}
