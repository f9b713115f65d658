namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// A wait that ran out while stopping a service: how long it waited, the process still there (./run,
/// or the logger; 0 when none is known) and, for a logger, the bytes it had still to read.
/// </summary>
public readonly record struct ExpiredWait(TimeSpan Waited, int ProcessId, int Unread = 0);
