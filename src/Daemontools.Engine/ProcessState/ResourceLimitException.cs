using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>getrlimit or setrlimit failed.</summary>
public sealed class ResourceLimitException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ResourceLimitException(ResourceLimit resource, bool reading, int errno)
        : base(new UnixException(errno, reading ? "getrlimit" : "setrlimit").Message)
    {
        Resource = resource;
        Reading = reading;
        Errno = errno;
    }

    /// <summary>The limit involved.</summary>
    public ResourceLimit Resource { get; }

    /// <summary>True when reading the limit failed, false when setting it did.</summary>
    public bool Reading { get; }

    /// <summary>errno of the failed call.</summary>
    public int Errno { get; }
}
