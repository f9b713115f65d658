using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>chdir(2) with errno reported, so callers can word the failure as the originals do.</summary>
public static unsafe class WorkingDirectory
{
    /// <summary>Changes the process's directory; false with errno.</summary>
    public static bool TryChange(string path, out int errno)
    {
        int size = Encoding.UTF8.GetByteCount(path);
        byte* name = stackalloc byte[size + 1];
        Encoding.UTF8.GetBytes(path, new Span<byte>(name, size));
        name[size] = 0;
        if (LibC.chdir(name) == 0)
        {
            errno = 0;
            return true;
        }
        errno = Marshal.GetLastPInvokeError();
        return false;
    }
}
