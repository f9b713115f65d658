using System.Runtime.InteropServices;
using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>readdir(3) over one directory, names as the kernel gives them (dot entries included), errno reported rather than thrown.</summary>
public static unsafe class DirectoryListing
{
    /// <summary>Appends every entry name of <paramref name="path"/> to <paramref name="names"/>; false with errno when opening or reading fails.</summary>
    public static bool TryRead(string path, List<string> names, out int errno)
    {
        IntPtr dir = ScanNative.opendir(path);
        if (dir == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            return false;
        }
        try
        {
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                byte* entry = ScanNative.readdir(dir);
                if (entry == null)
                {
                    // readdir leaves errno alone at the end of the stream and sets it on failure.
                    errno = Marshal.GetLastPInvokeError();
                    return errno == 0;
                }
                byte* name = entry + ScanNative.DirentNameOffset;
                names.Add(Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name)));
            }
        }
        finally
        {
            ScanNative.closedir(dir);
        }
    }
}
