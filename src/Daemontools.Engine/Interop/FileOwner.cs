using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>lchown(2): gives a file to an account (a link itself, never what it points to).</summary>
internal static partial class FileOwner
{
    /// <summary>Sets the owner and group of <paramref name="path"/>.</summary>
    public static void Set(string path, uint userId, uint groupId)
    {
        if (lchown(path, userId, groupId) != 0) throw UnixException.FromLastError("chown", path);
    }

    [LibraryImport("libc.so.6", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lchown(string path, uint owner, uint group);
}
