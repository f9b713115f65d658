using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Reading a pipe without consuming it (tee(2)), so a logger can write what it read before the
/// writer's bytes leave the pipe: a kill -9 then loses nothing that was in flight.
/// </summary>
public static unsafe partial class PipeCalls
{
    private const int SetPipeSize = 1031, GetPipeSize = 1032; // F_SETPIPE_SZ, F_GETPIPE_SZ
    private const uint NonBlocking = 2; // SPLICE_F_NONBLOCK
    private const uint FifoType = 0x1000; // S_IFIFO

    [LibraryImport("libc.so.6", EntryPoint = "tee", SetLastError = true)]
    private static partial nint Tee(int input, int output, nuint length, uint flags);

    /// <summary>True when <paramref name="fd"/> is a pipe or FIFO.</summary>
    public static bool IsPipe(int fd)
    {
        stat st;
        return LibC.fstat(fd, &st) == 0 && ((uint)st.st_mode & 0xf000) == FifoType;
    }

    /// <summary>The capacity of the pipe, or -1.</summary>
    public static int Capacity(int fd) => LibC.fcntl(fd, GetPipeSize);

    /// <summary>Asks for a capacity of at least <paramref name="bytes"/>; returns the capacity granted, or -1.</summary>
    public static int SetCapacity(int fd, int bytes) => LibC.fcntl(fd, SetPipeSize, bytes);

    /// <summary>
    /// Copies up to <paramref name="length"/> bytes from the head of pipe <paramref name="input"/>
    /// into pipe <paramref name="output"/> without consuming them. Returns the count, 0 at end of
    /// input, or -1 with errno (EAGAIN: nothing there; EINVAL: not a pipe).
    /// </summary>
    public static int Peek(int input, int output, int length, out int errno)
    {
        while (true)
        {
            nint n = Tee(input, output, (nuint)length, NonBlocking);
            errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (n >= 0 || errno != Errno.EINTR) return (int)n;
        }
    }

    /// <summary>A close-on-exec pipe (read end, write end).</summary>
    public static (int Read, int Write) Create()
    {
        int* fds = stackalloc int[2];
        if (LibC.pipe2(fds, 0x80000) != 0) throw UnixException.FromLastError("pipe2");
        return (fds[0], fds[1]);
    }
}
