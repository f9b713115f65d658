using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Linux keeps user and group ids per thread; glibc's setuid family changes them on every thread
/// of the process. These raw system calls change only the calling thread's, which is how a pwsh
/// session (which must stay root) starts a child as another account: a dedicated thread drops
/// its own ids, spawns (the child inherits that thread's ids), and ends.
/// </summary>
internal static unsafe partial class ThreadCredentials
{
    private static (long SetGroups, long SetResUid, long SetResGid) Numbers => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (116, 117, 119),
        Architecture.Arm64 => (159, 147, 149),
        _ => throw new PlatformNotSupportedException("per-thread credentials are implemented for x64 and arm64"),
    };

    /// <summary>The calling thread's kernel id.</summary>
    public static int ThreadId => gettid();

    /// <summary>setgroups, setresgid, setresuid on this thread only; errno of the first failure.</summary>
    public static Errno Become(uint uid, uint gid, ReadOnlySpan<uint> groups)
    {
        (long setGroups, long setResUid, long setResGid) = Numbers;
        fixed (uint* g = groups)
        {
            if (syscall(setGroups, groups.Length, (long)g, 0) != 0) return LastError.Value;
        }
        if (syscall(setResGid, gid, gid, gid) != 0) return LastError.Value;
        if (syscall(setResUid, uid, uid, uid) != 0) return LastError.Value;
        return Errno.None;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial long syscall(long number, long a1, long a2, long a3);

    [LibraryImport(Linux.LibC)]
    private static partial int gettid();
}
