using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>getrlimit or setrlimit failed.</summary>
public sealed class ResourceLimitException : SystemFailureException<ResourceLimitStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> for <paramref name="resource"/>.</summary>
    public ResourceLimitException(ResourceLimitStep step, ResourceLimit resource, Errno errno)
        : base(step, null, errno)
    {
        Resource = resource;
    }

    /// <summary>The limit involved.</summary>
    public ResourceLimit Resource { get; }
}
