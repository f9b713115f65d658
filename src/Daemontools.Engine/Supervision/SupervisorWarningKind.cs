namespace Daemontools.Engine.Supervision;

/// <summary>Things that go wrong while supervise keeps running (0.76 prints each as a warning, or as the child's fatal line).</summary>
public enum SupervisorWarningKind
{
    /// <summary>supervise/status.new could not be opened.</summary>
    StatusOpen,

    /// <summary>supervise/status.new could not be written (errno 0: a partial write).</summary>
    StatusWrite,

    /// <summary>supervise/status.new could not be renamed to status.</summary>
    StatusRename,

    /// <summary>./run could not be executed (0.76's child prints "fatal: unable to start DIR/run"); retried after the throttle.</summary>
    StartFailed,

    /// <summary>No process could be created; retried after 60 seconds.</summary>
    ForkFailed,
}
