using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Waits, without sending anything, until each service is in the given state; outputs its status then.</summary>
[Cmdlet(VerbsLifecycle.Wait, "SvStat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SvStat))]
public sealed class WaitSvStat : SvDirectoryCmdlet
{
    /// <summary>The state to wait for (Up and Down as 0.76 sees them: Up includes Starting, Ready and Stopping); or -Ready.</summary>
    [Parameter(Position = 1)]
    public SvState? State { get; set; }

    /// <summary>Wait until ./run is up and said it is ready (svwait -U): the same as -State Ready.</summary>
    [Parameter]
    public SwitchParameter Ready { get; set; }

    /// <summary>Seconds to wait per service before a terminating SvWaitTimeout error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 7;

    protected override void ProcessRecord()
    {
        if (State is null && !Ready)
        {
            ThrowFailure(new ArgumentException("Name the state to wait for (-State) or give -Ready."), ErrorId.NoSvState, null);
        }
        SvState state = Ready ? SvState.Ready : State!.Value;
        foreach (string directory in ServiceDirectories())
        {
            ServiceStatus status = AwaitState(directory, StatusTarget.For(Goal(state)), Timeout, Cancellation);
            WriteObject(SvStat.From(directory, status));
        }
    }

    private static StatusGoal Goal(SvState state) => state switch
    {
        SvState.Up => StatusGoal.Up,
        SvState.Down => StatusGoal.Down,
        SvState.Starting => StatusGoal.Starting,
        SvState.Ready => StatusGoal.Ready,
        SvState.Stopping => StatusGoal.Stopping,
        SvState.Finishing => StatusGoal.Finishing,
        _ => StatusGoal.NotSupervised,
    };
}
