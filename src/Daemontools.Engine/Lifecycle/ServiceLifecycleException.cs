namespace Daemontools.Engine.Lifecycle;

/// <summary>A lifecycle operation that did not happen: its <see cref="LifecycleFailure"/> and the path concerned.</summary>
public sealed class ServiceLifecycleException : Exception
{
    public ServiceLifecycleException(LifecycleFailure failure, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Path = path;
    }

    /// <summary>What went wrong.</summary>
    public LifecycleFailure Failure { get; }

    /// <summary>The service directory, scan entry or scan directory concerned.</summary>
    public string Path { get; }
}
