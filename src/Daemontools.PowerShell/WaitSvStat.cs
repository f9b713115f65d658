using System.Management.Automation;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Waits, without sending anything, until each service is in the given state; outputs its status then.</summary>
[Cmdlet(VerbsLifecycle.Wait, "SvStat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SvStat))]
public sealed class WaitSvStat : SvDirectoryCmdlet
{
    /// <summary>The state to wait for.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public SvState State { get; set; }

    /// <summary>Seconds to wait per service before a terminating SvWaitTimeout error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 7;

    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            ServiceStatus status = AwaitState(directory, StatusTarget.For(Goal(State)), Timeout, Cancellation);
            WriteObject(SvStat.From(directory, status));
        }
    }

    private static StatusGoal Goal(SvState state) => state switch
    {
        SvState.Up => StatusGoal.Up,
        SvState.Down => StatusGoal.Down,
        _ => StatusGoal.NotSupervised,
    };
}
