using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Starts services (svc -u: want up) and waits until each is up (and ready, when it reports readiness).</summary>
[Cmdlet(VerbsLifecycle.Start, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class StartSvService() : SvServiceOperationCmdlet("Start (svc -u)", "u", StatusGoal.Serving);
