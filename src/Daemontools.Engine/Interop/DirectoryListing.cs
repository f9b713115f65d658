using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Raw directory access in the order and with the errors the C originals see: open a directory
/// (by path or relative to another), list its names as bytes in readdir order, open a member.
/// </summary>
public static unsafe class DirectoryListing
{
    /// <summary>open(path, O_PATH|O_DIRECTORY): the directory as a path handle, or -1 with errno (what chdir would report).</summary>
    public static int OpenPath(string path, out int errno) => OpenAt(-100, path, ProcessStateNative.O_PATH | ProcessStateNative.O_DIRECTORY | ProcessStateNative.O_CLOEXEC, out errno);

    /// <summary>faccessat(dir, ".", X_OK, AT_EACCESS): 0 when the directory may be entered, else errno.</summary>
    public static int CheckSearchable(int directory)
    {
        fixed (byte* dot = "."u8)
        {
            return ProcessStateNative.faccessat(directory, dot, ProcessStateNative.X_OK, ProcessStateNative.AT_EACCESS) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>openat(dir, name, O_RDONLY): -1 with errno on failure.</summary>
    public static int OpenRead(int directory, ReadOnlySpan<byte> name, out int errno)
    {
        byte* path = NativeByteString.Allocate(name);
        try
        {
            int fd = ProcessStateNative.openat(directory, path, ProcessStateNative.O_RDONLY | ProcessStateNative.O_CLOEXEC, 0);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            return fd;
        }
        finally
        {
            NativeMemory.Free(path);
        }
    }

    /// <summary>Lists the names in <paramref name="directory"/> (a readable descriptor, consumed) in readdir order, "." and ".." included; errno on failure.</summary>
    public static List<byte[]>? ReadNames(int directory, out int errno)
    {
        IntPtr dir = ProcessStateNative.fdopendir(directory);
        if (dir == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            Descriptor.Close(directory);
            return null;
        }
        try
        {
            var names = new List<byte[]>();
            while (true)
            {
                ProcessStateNative.DirEntry* entry = ProcessStateNative.readdir(dir);
                if (entry == null)
                {
                    errno = Marshal.GetLastPInvokeError();
                    return errno == 0 ? names : null;
                }
                names.Add(NativeByteString.Read((byte*)entry + ProcessStateNative.DirEntryNameOffset).ToArray());
            }
        }
        finally
        {
            ProcessStateNative.closedir(dir);
        }
    }

    /// <summary>openat with a text path; -1 with errno on failure.</summary>
    public static int OpenAt(int directory, string path, int flags, out int errno)
    {
        fixed (byte* p = NativeByteString.Terminated(path))
        {
            int fd = ProcessStateNative.openat(directory, p, flags, 0);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            return fd;
        }
    }

    /// <summary>Opens <paramref name="path"/> (relative to <paramref name="directory"/>) as a readable directory, or -1 with errno.</summary>
    public static int OpenDirectory(int directory, string path, out int errno) =>
        OpenAt(directory, path, ProcessStateNative.O_RDONLY | ProcessStateNative.O_DIRECTORY | ProcessStateNative.O_CLOEXEC, out errno);

    /// <summary>Appends every entry name of <paramref name="path"/> (dot entries included) to <paramref name="names"/>; false with errno when opening or reading fails.</summary>
    public static bool TryRead(string path, List<string> names, out int errno)
    {
        int fd = OpenDirectory(-100, path, out errno);
        if (fd < 0) return false;
        List<byte[]>? raw = ReadNames(fd, out errno);
        if (raw is null) return false;
        foreach (byte[] name in raw) names.Add(System.Text.Encoding.UTF8.GetString(name));
        return true;
    }
}
