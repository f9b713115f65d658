using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Linux keeps user and group ids per thread; glibc's setuid family changes them on every thread
/// of the process. These raw system calls change only the calling thread's, which is how a pwsh
/// session (which must stay root) starts a child as another account: a dedicated thread drops
/// its own ids, spawns (the child inherits that thread's ids), and ends.
/// </summary>
internal static unsafe class ThreadCredentials
{
    private static (long SetGroups, long SetResUid, long SetResGid) Numbers => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (116, 117, 119),
        Architecture.Arm64 => (159, 147, 149),
        _ => throw new PlatformNotSupportedException("per-thread credentials are implemented for x64 and arm64"),
    };

    /// <summary>setgroups, setresgid, setresuid on this thread only; errno of the first failure, 0 on success.</summary>
    public static int Become(uint uid, uint gid, ReadOnlySpan<uint> groups)
    {
        (long setGroups, long setResUid, long setResGid) = Numbers;
        fixed (uint* g = groups)
        {
            if (ProcessStateNative.syscall(setGroups, groups.Length, (long)g, 0) != 0) return Marshal.GetLastPInvokeError();
        }
        if (ProcessStateNative.syscall(setResGid, gid, gid, gid) != 0) return Marshal.GetLastPInvokeError();
        if (ProcessStateNative.syscall(setResUid, uid, uid, uid) != 0) return Marshal.GetLastPInvokeError();
        return 0;
    }
}
