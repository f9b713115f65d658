using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Writes bytes into a FIFO that a daemon keeps open for reading (supervise/control), the way
/// svc does: open write-only and non-blocking, so ENXIO says nobody is reading.
/// </summary>
public static unsafe class ControlChannel
{
    /// <summary>Writes <paramref name="bytes"/> to the FIFO at <paramref name="path"/>; false with errno (ENXIO: no reader, ENOENT: no FIFO).</summary>
    public static bool TrySend(string path, ReadOnlySpan<byte> bytes, out int errno)
    {
        int size = Encoding.UTF8.GetByteCount(path);
        byte* name = stackalloc byte[size + 1];
        Encoding.UTF8.GetBytes(path, new Span<byte>(name, size));
        name[size] = 0;
        int fd;
        while ((fd = LibC.open(name, LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC)) < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) return false;
        }
        bool sent = Descriptor.TryWriteAll(fd, bytes, out errno);
        Descriptor.Close(fd);
        return sent;
    }
}
