using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>A failure supervise survives: what failed, errno (None where there is none), and the file it concerns, if any.</summary>
public readonly record struct SupervisorWarning(SupervisorWarningKind Kind, Errno Errno, string? Subject = null);
