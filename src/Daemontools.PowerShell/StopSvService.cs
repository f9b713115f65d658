using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Stops services (svc -d: want down, TERM then CONT) and waits until each is down; supervise stays, so Start-SvService brings it back.</summary>
[Cmdlet(VerbsLifecycle.Stop, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class StopSvService() : SvServiceOperationCmdlet("Stop (svc -d)", "d", StatusGoal.Down);
