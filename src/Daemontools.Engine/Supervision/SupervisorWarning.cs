namespace Daemontools.Engine.Supervision;

/// <summary>A failure supervise survives: what failed, errno (0 where there is none), and the file it concerns, if any.</summary>
public readonly record struct SupervisorWarning(SupervisorWarningKind Kind, int Errno, string? Subject = null);
