using System.Management.Automation;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>
/// Restarts services: svc -du (the service's stop signal, then want up, so supervise starts ./run
/// again once it has exited; works with every supervise, 0.76's included) and waits until each
/// is up as a new process. A service that is down is simply started.
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class RestartSvService : SvServiceOperationCmdlet
{
    /// <inheritdoc />
    protected override string Operation => "Restart (svc -du)";

    /// <inheritdoc />
    protected override byte[] Commands(ServiceStatus before) => IsIn(before, SvState.Up) ? "du"u8.ToArray() : "u"u8.ToArray();

    /// <inheritdoc />
    protected override (Func<ServiceStatus, bool> Reached, string What) Goal(ServiceStatus before)
    {
        uint old = IsIn(before, SvState.Up) ? before.Record.ProcessId : 0;
        return (s => UpAsAnotherProcess(s, old), "up again as a new process");
    }
}
