namespace Daemontools.Engine.Supervision;

/// <summary>How a wait for services ended.</summary>
public enum WaitOutcome
{
    /// <summary>The services (all, or one) reached the state.</summary>
    Reached,

    /// <summary>The timeout passed first.</summary>
    TimedOut,

    /// <summary>Some services awaited up failed permanently (<see cref="WaitResult.Failed"/> of them).</summary>
    Failed,

    /// <summary>A directory has no running supervise (<see cref="WaitResult.Directory"/>).</summary>
    NotSupervised,

    /// <summary>The supervise of a directory exited while it was awaited (<see cref="WaitResult.Directory"/>).</summary>
    SupervisorGone,

    /// <summary>A system call failed (<see cref="WaitResult.Errno"/>, about <see cref="WaitResult.Directory"/>).</summary>
    SystemError,
}
