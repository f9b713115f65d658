namespace Daemontools.Engine.Supervision;

/// <summary>
/// A <see cref="StatusGoal"/> for one service, with what it is measured against: the moment the
/// commands were sent and the process that was up before. Also the policy of which goal a
/// sequence of control commands leads to.
/// </summary>
public sealed class StatusTarget
{
    private readonly DateTimeOffset _sent;
    private readonly uint _before;

    private StatusTarget(StatusGoal goal, DateTimeOffset sent, uint before) => (Goal, _sent, _before) = (goal, sent, before);

    /// <summary>The state waited for.</summary>
    public StatusGoal Goal { get; }

    /// <summary><paramref name="goal"/> for commands sent at <paramref name="sent"/> (now when null) to a service that was as <paramref name="before"/> says.</summary>
    public static StatusTarget For(StatusGoal goal, ServiceStatus? before = null, DateTimeOffset? sent = null) =>
        new(goal, sent ?? DateTimeOffset.UtcNow, before is { Failure: StatusFailure.None, Record.IsUp: true } ? before.Record.ProcessId : 0);

    /// <summary>
    /// What <paramref name="commands"/>, sent at <paramref name="sent"/> to a service that was as
    /// <paramref name="before"/> says, lead to: Exit → supervise gone; else the last of Up, Down,
    /// Once and Restart (a new process; with <paramref name="ready"/>, up also means ready; an Up
    /// after a Down, Restart, Kill or KillGroup of a running service, as in svc -du, means a new
    /// process too); else Pause or Continue (or their group forms); else Kill (or KillGroup) of a
    /// running service → its process gone; null for other signals alone (nothing to wait for).
    /// </summary>
    public static StatusTarget? After(IReadOnlyList<ControlCommand> commands, ServiceStatus before, DateTimeOffset sent, bool ready = false)
    {
        StatusGoal? goal = null;
        if (commands.Contains(ControlCommand.Exit)) goal = StatusGoal.NotSupervised;
        for (int i = commands.Count - 1; i >= 0 && goal is null; i--)
        {
            goal = commands[i] switch
            {
                // The process up before is still up when the reply comes: only a new one shows the stop took effect.
                ControlCommand.Up when IsUp(before) && StopsBefore(commands, i) => ready ? StatusGoal.ReadyAgain : StatusGoal.UpAgain,
                ControlCommand.Up => ready ? StatusGoal.Ready : StatusGoal.Up,
                ControlCommand.Down => StatusGoal.Down,
                ControlCommand.Once => ready ? StatusGoal.Ready : StatusGoal.StartedOnce,
                ControlCommand.Restart when IsUp(before) => ready ? StatusGoal.ReadyAgain : StatusGoal.UpAgain,
                _ => null,
            };
        }
        if (goal is null && (commands.Contains(ControlCommand.Pause) || commands.Contains(ControlCommand.PauseGroup))) goal = StatusGoal.Paused;
        if (goal is null && (commands.Contains(ControlCommand.Continue) || commands.Contains(ControlCommand.ContinueGroup))) goal = StatusGoal.Continued;
        if (goal is null && (commands.Contains(ControlCommand.Kill) || commands.Contains(ControlCommand.KillGroup)) && IsUp(before)) goal = StatusGoal.ProcessGone;
        return goal is StatusGoal reached ? For(reached, before, sent) : null;
    }

    /// <summary>True when <paramref name="status"/> shows the goal reached.</summary>
    public bool IsReachedBy(ServiceStatus status)
    {
        bool read = status.Failure == StatusFailure.None;
        StatusRecord record = status.Record;
        return Goal switch
        {
            StatusGoal.Up => IsUp(status),
            StatusGoal.Down => read && record.Phase(status.Extension) == ServicePhase.Down,
            StatusGoal.StartedOnce => IsUp(status) || (read && record.Changed.ToDateTimeOffset() > _sent),
            StatusGoal.Paused => read && record.PausedFlag != 0,
            StatusGoal.Continued => read && record.PausedFlag == 0,
            StatusGoal.UpAgain => IsUp(status) && record.ProcessId != _before,
            StatusGoal.ProcessGone => !IsUp(status) || record.ProcessId != _before,
            StatusGoal.Normal => read && (status.NormallyUp ? IsServing(status) : !record.IsUp),
            StatusGoal.Ready => read && record.Phase(status.Extension) == ServicePhase.Ready,
            StatusGoal.ReadyAgain => read && record.Phase(status.Extension) == ServicePhase.Ready && record.ProcessId != _before,
            StatusGoal.Starting => read && record.Phase(status.Extension) == ServicePhase.Starting,
            StatusGoal.Stopping => read && record.Phase(status.Extension) == ServicePhase.Stopping,
            StatusGoal.Finishing => read && record.Phase(status.Extension) == ServicePhase.Finishing,
            StatusGoal.Serving => read && IsServing(status),
            StatusGoal.ServingAgain => read && IsServing(status) && record.ProcessId != _before,
            _ => status.NotSupervised,
        };
    }

    /// <summary>True when a command before <paramref name="index"/> asks the running process to end (Down, Restart, Kill, KillGroup), so that a later Up leads to its successor.</summary>
    private static bool StopsBefore(IReadOnlyList<ControlCommand> commands, int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (commands[i] is ControlCommand.Down or ControlCommand.Restart or ControlCommand.Kill or ControlCommand.KillGroup) return true;
        }
        return false;
    }

    /// <summary>Up and not being stopped; ready too when it reports readiness (no extended status, as under 0.76's supervise: up).</summary>
    private static bool IsServing(ServiceStatus status) => status.Record.Phase(status.Extension) is ServicePhase.Up or ServicePhase.Ready;

    private static bool IsUp(ServiceStatus status) => status.Failure == StatusFailure.None && status.Record.IsUp;
}
