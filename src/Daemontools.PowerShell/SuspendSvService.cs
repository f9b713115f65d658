using System.Management.Automation;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Suspends services (svc -p: SIGSTOP) and waits until each is recorded as paused.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class SuspendSvService : SvServiceOperationCmdlet
{
    /// <inheritdoc />
    protected override string Operation => "Suspend (svc -p)";

    /// <inheritdoc />
    protected override byte[] Commands(ServiceStatus before) => "p"u8.ToArray();

    /// <inheritdoc />
    protected override StatusGoal Goal => StatusGoal.Paused;
}
