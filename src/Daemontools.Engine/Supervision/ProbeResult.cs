using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>What svok's probe found, and the errno that explains the failing outcomes.</summary>
public readonly record struct ProbeResult(ProbeOutcome Outcome, Errno Errno);
