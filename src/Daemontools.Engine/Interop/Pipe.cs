using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Pipes: making them (both ends close-on-exec unless inheritable, so a child gets an end only
/// through an explicit dup2), their capacity, what waits unread in one (FIONREAD), and reading
/// one without consuming it (tee(2)).
/// </summary>
internal static unsafe partial class Pipe
{
    /// <summary>pipe2(O_CLOEXEC [| O_NONBLOCK]), or without O_CLOEXEC when <paramref name="inheritable"/> (fghack's child inherits its ends as a C program's would).</summary>
    public static Errno Create(out PipePair pipe, bool nonBlocking = false, bool inheritable = false)
    {
        int* fds = stackalloc int[2];
        int flags = (inheritable ? 0 : Linux.O_CLOEXEC) | (nonBlocking ? Linux.O_NONBLOCK : 0);
        if (pipe2(fds, flags) != 0)
        {
            pipe = new PipePair(Descriptor.None, Descriptor.None);
            return LastError.Value;
        }
        pipe = new PipePair(new Descriptor(fds[0]), new Descriptor(fds[1]));
        return Errno.None;
    }

    /// <summary>True when <paramref name="fd"/> is a pipe or FIFO.</summary>
    public static bool IsPipe(Descriptor fd) => fd.Stat(out FileFacts facts) == Errno.None && facts.IsFifo;

    /// <summary>The capacity of the pipe, or -1.</summary>
    public static int Capacity(Descriptor fd) => fd.Control(Linux.F_GETPIPE_SZ, 0);

    /// <summary>Asks for a capacity of at least <paramref name="bytes"/>; the capacity granted, or -1.</summary>
    public static int SetCapacity(Descriptor fd, int bytes) => fd.Control(Linux.F_SETPIPE_SZ, bytes);

    /// <summary>The bytes waiting unread in the pipe <paramref name="fd"/> reads from (ioctl FIONREAD).</summary>
    public static Errno Unread(Descriptor fd, out int count)
    {
        int pending;
        if (ioctl(fd.Number, Linux.FIONREAD, &pending) != 0)
        {
            count = 0;
            return LastError.Value;
        }
        count = pending;
        return Errno.None;
    }

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes from pipe <paramref name="input"/> into <paramref name="file"/>
    /// at *<paramref name="offset"/> with splice(2), without waiting for the pipe: <paramref name="count"/> moved,
    /// 0 at end of input (EAGAIN: nothing there; EINVAL: a side that cannot splice). The kernel takes out of the
    /// pipe exactly the bytes it wrote, and stores the advanced offset through <paramref name="offset"/> before
    /// the call returns: pointed into a shared mapping of a file, the count is kept in the same step.
    /// </summary>
    public static Errno MoveInto(Descriptor input, Descriptor file, long* offset, int length, out int count)
    {
        nint n;
        do n = splice(input.Number, null, file.Number, offset, (nuint)length, Linux.SPLICE_F_NONBLOCK);
        while (LastError.Interrupted(n));
        return LastError.Count(n, out count);
    }

    /// <summary>
    /// The other end of the pipe <paramref name="end"/> belongs to, opened anew through /proc/self/fd
    /// (a pipe opens there as a FIFO would; holding <paramref name="end"/> means the open does not wait):
    /// its write end when <paramref name="writeEnd"/>, else its read end; close-on-exec.
    /// </summary>
    public static Errno OpenOtherEnd(Descriptor end, bool writeEnd, out Descriptor other) =>
        FileSystem.Open("/proc/self/fd/" + end.ToString(), writeEnd ? Linux.O_WRONLY : Linux.O_RDONLY, 0, out other);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, int* value);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial nint splice(int input, long* inputOffset, int output, long* outputOffset, nuint length, uint flags);
}
