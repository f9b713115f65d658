namespace Daemontools.Engine.Unix;

/// <summary>A call that should not fail did (making a pipe, waiting for our own child, polling): the step is the call.</summary>
public sealed class SystemCallException(SystemCall call, Errno errno, string? path = null)
    : SystemFailureException<SystemCall>(call, path, errno);
