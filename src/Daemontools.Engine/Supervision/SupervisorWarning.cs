using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>A failure supervise survives: what failed and errno (None where there is none).</summary>
public readonly record struct SupervisorWarning(SupervisorWarningKind Kind, Errno Errno);
