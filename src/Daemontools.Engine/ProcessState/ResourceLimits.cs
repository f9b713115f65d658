using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// Soft resource limits as softlimit sets them: only the soft limit changes, a value above the
/// hard limit is clamped to it, and "=" (a null value here) means "as high as the hard limit".
/// The hard limit is never raised or lowered.
/// </summary>
public static class ResourceLimits
{
    /// <summary>What softlimit -m limits, in the order it sets them: data, stack, locked memory, address space.</summary>
    public static readonly IReadOnlyList<ResourceLimit> Memory =
        [ResourceLimit.Data, ResourceLimit.Stack, ResourceLimit.LockedMemory, ResourceLimit.AddressSpace];

    /// <summary>Sets the soft limit of <paramref name="resource"/>; throws <see cref="ResourceLimitException"/>.</summary>
    public static void SetSoft(ResourceLimit resource, ulong? value)
    {
        int errno = ResourceLimitCalls.Get((int)resource, out _, out ulong hard);
        if (errno != 0) throw new ResourceLimitException(resource, reading: true, errno);
        ulong soft = value is { } v && v < hard ? v : hard;
        errno = ResourceLimitCalls.Set((int)resource, soft, hard);
        if (errno != 0) throw new ResourceLimitException(resource, reading: false, errno);
    }

    /// <summary>The current soft and hard limits (<see cref="ResourceLimitCalls.Infinity"/> = unlimited).</summary>
    public static (ulong Soft, ulong Hard) Get(ResourceLimit resource)
    {
        int errno = ResourceLimitCalls.Get((int)resource, out ulong soft, out ulong hard);
        return errno == 0 ? (soft, hard) : throw new ResourceLimitException(resource, reading: true, errno);
    }
}
