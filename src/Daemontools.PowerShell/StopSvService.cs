using System.Management.Automation;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Stops services (svc -d: want down, TERM then CONT) and waits until each is down; supervise stays, so Start-SvService brings it back.</summary>
[Cmdlet(VerbsLifecycle.Stop, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class StopSvService : SvServiceOperationCmdlet
{
    /// <inheritdoc />
    protected override string Operation => "Stop (svc -d)";

    /// <inheritdoc />
    protected override byte[] Commands(ServiceStatus before) => "d"u8.ToArray();

    /// <inheritdoc />
    protected override StatusGoal Goal => StatusGoal.Down;
}
