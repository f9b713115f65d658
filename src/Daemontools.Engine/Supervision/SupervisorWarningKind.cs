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

    /// <summary>A service-directory setting (<see cref="SupervisorWarning.Subject"/>) does not parse; its default is used.</summary>
    InvalidSetting,

    /// <summary>A service-directory setting (<see cref="SupervisorWarning.Subject"/>) exists but cannot be read.</summary>
    SettingUnreadable,

    /// <summary>./finish could not be started; ./run is handled as if it had none.</summary>
    FinishFailed,

    /// <summary>./finish outlived timeout-finish and was sent SIGKILL.</summary>
    FinishKilled,

    /// <summary>The notification or lock descriptor could not be set up; retried after the throttle.</summary>
    DescriptorFailed,

    /// <summary>Another copy of the service holds the lock-fd lock: the new ./run waits for it.</summary>
    LockBusy,

    /// <summary>supervise/death_tally could not be written.</summary>
    DeathTallyWrite,

    /// <summary>supervise/control was not supervise's FIFO (<see cref="SupervisorWarning.Subject"/> says how): what was written into it was applied and a FIFO put back.</summary>
    ControlReplaced,

    /// <summary>supervise/control is not supervise's FIFO and no FIFO could be put in its place.</summary>
    ControlUnrepairable,

    /// <summary>
    /// The descriptor limit (<see cref="SupervisorWarning.Subject"/>) leaves no descriptor 10, which
    /// /bin/sh (dash) moves a script to: a shell-script ./run fails at once, every second.
    /// </summary>
    DescriptorLimit,
}
