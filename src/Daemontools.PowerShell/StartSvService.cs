using System.Management.Automation;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Starts services (svc -u: want up) and waits until each is up (and ready, when it reports readiness).</summary>
[Cmdlet(VerbsLifecycle.Start, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class StartSvService : SvServiceOperationCmdlet
{
    /// <inheritdoc />
    protected override string Operation => "Start (svc -u)";

    /// <inheritdoc />
    protected override byte[] Commands(ServiceStatus before) => "u"u8.ToArray();

    /// <inheritdoc />
    protected override StatusGoal Goal => StatusGoal.Serving;
}
