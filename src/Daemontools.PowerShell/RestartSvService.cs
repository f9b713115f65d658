using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>
/// Restarts services: svc -du (the service's stop signal, then want up, so supervise starts ./run
/// again once it has exited; works with every supervise, 0.76's included) and waits until each
/// is up as a new process (and ready, when it reports readiness). A service that is down is simply started.
/// </summary>
[Cmdlet(VerbsLifecycle.Restart, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class RestartSvService() : SvServiceOperationCmdlet("Restart (svc -du)", "du", StatusGoal.ServingAgain)
{
    /// <inheritdoc />
    protected override byte[] Commands(ServiceStatus before) =>
        before is { Failure: StatusFailure.None, Record.IsUp: true } ? base.Commands(before) : "u"u8.ToArray();
}
