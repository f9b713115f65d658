using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>The process's user and group ids: setgroups, setgid, setuid, each reporting errno (0 on success).</summary>
public static unsafe class Credentials
{
    /// <summary>The effective user id (0 = root).</summary>
    public static uint EffectiveUserId => ProcessStateNative.geteuid();

    /// <summary>setgroups(2) with exactly <paramref name="groups"/>.</summary>
    public static int SetGroups(ReadOnlySpan<uint> groups)
    {
        fixed (uint* g = groups)
        {
            return ProcessStateNative.setgroups((nuint)groups.Length, g) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>setgid(2).</summary>
    public static int SetGroupId(uint gid) => ProcessStateNative.setgid(gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>setuid(2).</summary>
    public static int SetUserId(uint uid) => ProcessStateNative.setuid(uid) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
