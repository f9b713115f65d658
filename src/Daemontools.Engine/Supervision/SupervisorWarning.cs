namespace Daemontools.Engine.Supervision;

/// <summary>A failure supervise survives: what failed and errno (0 where there is none).</summary>
public readonly record struct SupervisorWarning(SupervisorWarningKind Kind, int Errno);
