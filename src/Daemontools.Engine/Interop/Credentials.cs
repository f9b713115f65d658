using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>The process's user and group ids: setgroups, setgid, setuid (glibc applies them to every thread).</summary>
internal static unsafe partial class Credentials
{
    /// <summary>The effective user id (0 = root).</summary>
    public static uint EffectiveUserId => geteuid();

    /// <summary>setgroups(2) with exactly <paramref name="groups"/>.</summary>
    public static Errno SetGroups(ReadOnlySpan<uint> groups)
    {
        fixed (uint* g = groups)
        {
            return LastError.Of(setgroups((nuint)groups.Length, g));
        }
    }

    /// <summary>setgid(2).</summary>
    public static Errno SetGroupId(uint gid) => LastError.Of(setgid(gid));

    /// <summary>setuid(2).</summary>
    public static Errno SetUserId(uint uid) => LastError.Of(setuid(uid));

    [LibraryImport(Linux.LibC)]
    private static partial uint geteuid();

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int setgroups(nuint size, uint* list);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int setgid(uint gid);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int setuid(uint uid);
}
