using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>A lifecycle operation that did not happen: its <see cref="LifecycleFailure"/>, the path concerned and, when a call failed, errno.</summary>
public sealed class ServiceLifecycleException : Exception
{
    /// <summary>Creates the failure; <paramref name="message"/> says what did not happen and why.</summary>
    public ServiceLifecycleException(LifecycleFailure failure, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Path = path;
    }

    /// <summary>Creates the failure of a call on <paramref name="path"/>; the message adds errno's description.</summary>
    public ServiceLifecycleException(LifecycleFailure failure, string path, string message, Errno errno)
        : base($"{message}: {errno.Description()}")
    {
        Failure = failure;
        Path = path;
        Errno = errno;
    }

    /// <summary>errno of the call that failed; <see cref="Errno.None"/> when the failure was not a call's.</summary>
    public Errno Errno { get; }

    /// <summary>What went wrong.</summary>
    public LifecycleFailure Failure { get; }

    /// <summary>The service directory, scan entry or scan directory concerned.</summary>
    public string Path { get; }
}
