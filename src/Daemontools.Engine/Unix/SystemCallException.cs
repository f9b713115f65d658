namespace Daemontools.Engine.Unix;

/// <summary>A call that should not fail did (making a pipe, waiting for our own child, polling): the step is the call.</summary>
public sealed class SystemCallException : SystemFailureException<SystemCall>
{
    /// <summary>Creates the failure of <paramref name="call"/> (on <paramref name="path"/>) with <paramref name="errno"/>.</summary>
    public SystemCallException(SystemCall call, Errno errno, string? path = null)
        : base(call, path, errno)
    {
    }
}
