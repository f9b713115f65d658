using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>Plain read, write and close on raw descriptors, with EINTR retried and errno turned into <see cref="UnixException"/>.</summary>
public static unsafe class Descriptor
{
    /// <summary>Standard input, output and error.</summary>
    public const int StandardInput = 0, StandardOutput = 1, StandardError = 2;

    /// <summary>Reads up to buffer.Length bytes; 0 means end of file.</summary>
    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                long n = (long)LibC.read(fd, p, (size_t)(size_t)(ulong)buffer.Length);
                if (n >= 0) return (int)n;
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR) throw new UnixException(errno, "read");
            }
        }
    }

    /// <summary>Reads like <see cref="Read"/> but reports errno instead of throwing; returns -1 on failure.</summary>
    public static int TryRead(int fd, Span<byte> buffer, out int errno)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                long n = (long)LibC.read(fd, p, (size_t)(size_t)(ulong)buffer.Length);
                errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (n >= 0 || errno != Errno.EINTR) return (int)n;
            }
        }
    }

    /// <summary>Writes the whole buffer; false (with errno) on the first failure.</summary>
    public static bool TryWriteAll(int fd, ReadOnlySpan<byte> buffer, out int errno)
    {
        fixed (byte* start = buffer)
        {
            byte* p = start;
            long left = buffer.Length;
            while (left > 0)
            {
                long n = (long)LibC.write(fd, p, (size_t)(ulong)left);
                if (n < 0)
                {
                    errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR) continue;
                    return false;
                }
                p += n;
                left -= n;
            }
        }
        errno = 0;
        return true;
    }

    /// <summary>Closes the descriptor, ignoring errors (there is nothing useful to do with them).</summary>
    public static void Close(int fd) => LibC.close(fd);
}
