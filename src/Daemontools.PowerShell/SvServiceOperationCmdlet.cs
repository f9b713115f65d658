using System.Management.Automation;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// Start-, Stop-, Restart-, Suspend- and Resume-SvService: send svc commands to each service and,
/// unless -NoWait, wait until the state is reached (per service; a timeout is a non-terminating
/// SvWaitTimeout error). Each subclass says what it sends and what it waits for.
/// </summary>
public abstract class SvServiceOperationCmdlet : SvServiceCmdlet
{
    /// <summary>Return once the commands are sent, without waiting for the state.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Seconds to wait per service.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 30;

    /// <summary>Output each service's status once the state is reached (once sent, with -NoWait).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>What ShouldProcess names the operation.</summary>
    protected abstract string Operation { get; }

    /// <summary>The svc commands to send, given the status before.</summary>
    protected abstract byte[] Commands(ServiceStatus before);

    /// <summary>The state to wait for.</summary>
    protected abstract StatusGoal Goal { get; }

    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            if (!ShouldProcess(directory, Operation)) continue;
            ServiceStatus before = ServiceStatus.Read(directory);
            ControlResult sent = ControlClient.Send(directory, Commands(before));
            if (!Delivered(directory, sent, $"Cannot control '{directory}': no supervise is running there (is it enabled, and svscan running?).")) continue;
            ServiceStatus? after = null;
            if (!NoWait)
            {
                after = TryAwaitState(directory, StatusTarget.For(Goal, before), Timeout, Cancellation);
                if (after is null) continue;
            }
            if (PassThru) WriteObject(SvStat.From(directory, after ?? ServiceStatus.Read(directory)));
        }
    }
}
