using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

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

    /// <summary>The value meaning "no limit".</summary>
    public const ulong Unlimited = ulong.MaxValue;

    /// <summary>Sets the soft limit of <paramref name="resource"/>; throws <see cref="ResourceLimitException"/>.</summary>
    public static void SetSoft(ResourceLimit resource, ulong? value)
    {
        Errno errno = Limits.Get((int)resource, out _, out ulong hard);
        if (errno != Errno.None) throw new ResourceLimitException(ResourceLimitStep.GetLimit, resource, errno);
        ulong soft = value is { } v && v < hard ? v : hard;
        errno = Limits.Set((int)resource, soft, hard);
        if (errno != Errno.None) throw new ResourceLimitException(ResourceLimitStep.SetLimit, resource, errno);
    }

    /// <summary>The current soft and hard limits (<see cref="Unlimited"/> = no limit).</summary>
    public static (ulong Soft, ulong Hard) Get(ResourceLimit resource)
    {
        Errno errno = Limits.Get((int)resource, out ulong soft, out ulong hard);
        return errno == Errno.None ? (soft, hard) : throw new ResourceLimitException(ResourceLimitStep.GetLimit, resource, errno);
    }
}
