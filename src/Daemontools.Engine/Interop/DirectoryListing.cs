using System.Runtime.InteropServices;
using System.Text;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>A directory's names in readdir order, "." and ".." included, with the errors the C originals see.</summary>
internal static unsafe partial class DirectoryListing
{
    /// <summary>glibc's struct dirent on LP64 has the name at this offset (after ino, off, reclen, type).</summary>
    private const int NameOffset = 19;

    /// <summary>Appends every name in <paramref name="directory"/> (a readable descriptor, consumed) to <paramref name="names"/>.</summary>
    public static Errno Read(Descriptor directory, List<byte[]> names)
    {
        IntPtr dir = fdopendir(directory.Number);
        if (dir == IntPtr.Zero)
        {
            Errno errno = LastError.Value;
            directory.Close();
            return errno;
        }
        try
        {
            while (true)
            {
                // The generated stub clears errno first: a null entry with errno 0 is the end.
                byte* entry = readdir(dir);
                if (entry == null) return LastError.Value;
                names.Add(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + NameOffset).ToArray());
            }
        }
        finally
        {
            closedir(dir);
        }
    }

    /// <summary>Appends every name in <paramref name="path"/> to <paramref name="names"/> as text.</summary>
    public static Errno Read(string path, List<string> names)
    {
        Errno errno = FileSystem.OpenDirectory(FileSystem.WorkingDirectory, path, out Descriptor fd);
        if (errno != Errno.None) return errno;
        var raw = new List<byte[]>();
        errno = Read(fd, raw);
        if (errno != Errno.None) return errno;
        foreach (byte[] name in raw) names.Add(Encoding.UTF8.GetString(name));
        return Errno.None;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial IntPtr fdopendir(int fd);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial byte* readdir(IntPtr dir);

    [LibraryImport(Linux.LibC)]
    private static partial int closedir(IntPtr dir);
}
