namespace Daemontools.Engine.Supervision;

/// <summary>When a <see cref="StatusGoal"/> is reached, and which goal a sequence of control commands leads to.</summary>
public static class StatusGoals
{
    /// <summary>True when <paramref name="status"/>, read after commands sent at <paramref name="sent"/>, shows <paramref name="goal"/> reached.</summary>
    public static bool IsReached(this StatusGoal goal, ServiceStatus status, DateTimeOffset sent) => goal switch
    {
        StatusGoal.Up => status.Failure == StatusFailure.None && status.Record.IsUp,
        StatusGoal.Down => status.Failure == StatusFailure.None && !status.Record.IsUp,
        StatusGoal.StartedOnce => status.Failure == StatusFailure.None && (status.Record.IsUp || status.Record.Changed.ToDateTimeOffset() > sent),
        StatusGoal.Paused => status.Failure == StatusFailure.None && status.Record.PausedFlag != 0,
        StatusGoal.Continued => status.Failure == StatusFailure.None && status.Record.PausedFlag == 0,
        _ => status.NotSupervised,
    };

    /// <summary>
    /// What <paramref name="commands"/> lead to: Exit → supervise gone; else the last of Up, Down
    /// and Once; else Pause or Continue; null for signals alone (nothing to wait for).
    /// </summary>
    public static StatusGoal? After(IReadOnlyList<ControlCommand> commands)
    {
        if (commands.Contains(ControlCommand.Exit)) return StatusGoal.NotSupervised;
        for (int i = commands.Count - 1; i >= 0; i--)
        {
            switch (commands[i])
            {
                case ControlCommand.Up:
                    return StatusGoal.Up;
                case ControlCommand.Down:
                    return StatusGoal.Down;
                case ControlCommand.Once:
                    return StatusGoal.StartedOnce;
            }
        }
        if (commands.Contains(ControlCommand.Pause)) return StatusGoal.Paused;
        if (commands.Contains(ControlCommand.Continue)) return StatusGoal.Continued;
        return null;
    }
}
