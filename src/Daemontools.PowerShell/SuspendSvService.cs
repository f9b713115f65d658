using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Suspends services (svc -p: SIGSTOP) and waits until each is recorded as paused.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class SuspendSvService() : SvServiceOperationCmdlet("Suspend (svc -p)", "p", StatusGoal.Paused);
