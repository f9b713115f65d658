using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>The end of a wait: the outcome, how many services failed permanently, the directory concerned and errno.</summary>
public readonly record struct WaitResult(WaitOutcome Outcome, int Failed = 0, string? Directory = null, Errno Errno = Errno.None);
