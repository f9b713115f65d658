using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>A lifecycle operation that did not happen: its <see cref="LifecycleFailure"/>, the path concerned and, when a call failed, errno.</summary>
public sealed class ServiceLifecycleException : SystemFailureException<LifecycleFailure>
{
    /// <summary>Creates the failure; <paramref name="message"/> says what did not happen and why.</summary>
    public ServiceLifecycleException(LifecycleFailure failure, string path, string message, Exception? inner = null)
        : base(failure, path, Errno.None, message, inner)
    {
    }

    /// <summary>Creates the failure of a call on <paramref name="path"/>; the message adds errno's description.</summary>
    public ServiceLifecycleException(LifecycleFailure failure, string path, string message, Errno errno)
        : base(failure, path, errno, $"{message}: {errno.Description()}", null)
    {
    }

    /// <summary>What went wrong (the step that failed).</summary>
    public LifecycleFailure Failure => Step;
}
