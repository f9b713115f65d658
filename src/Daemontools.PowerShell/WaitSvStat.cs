using System.Management.Automation;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Waits, without sending anything, until each service is in the given state; outputs its status then.</summary>
[Cmdlet(VerbsLifecycle.Wait, "SvStat", DefaultParameterSetName = StateSet)]
[OutputType(typeof(SvStat))]
public sealed class WaitSvStat : SupervisionCmdlet
{
    private const string StateSet = "State";
    private const string ReadySet = "Ready";

    private readonly CancellationTokenSource _stop = new();

    /// <summary>The state to wait for (Up and Down as 0.76 sees them: Up includes Starting, Ready and Stopping).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = StateSet)]
    public SvState State { get; set; }

    /// <summary>Wait until ./run is up and said it is ready (svwait -U).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ReadySet)]
    public SwitchParameter Ready { get; set; }

    /// <summary>Seconds to wait per service before a terminating SvWaitTimeout error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 7;

    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            SvState state = Ready ? SvState.Ready : State;
            ServiceStatus status = AwaitState(directory, s => IsIn(s, state), state.ToString(), Timeout, _stop.Token);
            WriteObject(SvStat.From(directory, status));
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    protected override void EndProcessing() => _stop.Dispose();
}
