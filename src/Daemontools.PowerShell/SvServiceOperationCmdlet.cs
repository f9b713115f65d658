using System.Text;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>
/// Start-, Stop-, Restart-, Suspend- and Resume-SvService: send svc <paramref name="commands"/> to
/// each service and, unless -NoWait, wait until <paramref name="goal"/> is reached (per service; a
/// timeout is a non-terminating SvWaitTimeout error). ShouldProcess names the action <paramref name="operation"/>.
/// </summary>
public abstract class SvServiceOperationCmdlet(string operation, string commands, StatusGoal goal) : SvServiceCmdlet
{
    /// <summary>Return once the commands are sent, without waiting for the state.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>The svc commands to send, given the status before.</summary>
    protected virtual byte[] Commands(ServiceStatus before) => Encoding.ASCII.GetBytes(commands);

    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            if (!ShouldProcess(directory, operation)) continue;
            ServiceStatus before = ServiceStatus.Read(directory);
            ControlResult sent = ControlClient.Send(directory, Commands(before));
            if (!Delivered(directory, sent, $"Cannot control '{directory}': no supervise is running there (is it enabled, and svscan running?).")) continue;
            ServiceStatus? after = null;
            if (!NoWait)
            {
                after = TryAwaitState(directory, StatusTarget.For(goal, before), Timeout, Cancellation);
                if (after is null) continue;
            }
            if (PassThru) WriteStatus(directory, after);
        }
    }
}
