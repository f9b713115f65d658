using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Resumes suspended services (svc -c: SIGCONT) and waits until each is no longer recorded as paused.</summary>
[Cmdlet(VerbsLifecycle.Resume, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class ResumeSvService() : SvServiceOperationCmdlet("Resume (svc -c)", "c", StatusGoal.Continued);
