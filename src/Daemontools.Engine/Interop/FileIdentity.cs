using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>What stat(2) says about a path, following symlinks: the (device, inode) pair that identifies it, and whether it is a directory.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, bool IsDirectory)
{
    /// <summary>stat(path) following symlinks; false with errno when the path cannot be examined.</summary>
    public static unsafe bool TryStat(string path, out FileIdentity identity, out int errno)
    {
        int size = Encoding.UTF8.GetByteCount(path);
        byte* name = stackalloc byte[size + 1];
        Encoding.UTF8.GetBytes(path, new Span<byte>(name, size));
        name[size] = 0;
        statx buffer;
        if (LibC.statx(LibC.AT_FDCWD, name, 0, LibC.STATX_TYPE | LibC.STATX_INO, &buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            identity = default;
            return false;
        }
        ulong device = ((ulong)buffer.stx_dev_major << 32) | buffer.stx_dev_minor;
        bool directory = (buffer.stx_mode & LibC.S_IFMT) == LibC.S_IFDIR;
        identity = new FileIdentity(device, buffer.stx_ino, directory);
        errno = 0;
        return true;
    }

    /// <summary>True when <paramref name="path"/> exists (stat succeeds); otherwise false with errno.</summary>
    public static bool Exists(string path, out int errno) => TryStat(path, out _, out errno);
}
