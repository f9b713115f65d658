using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Open-file-description record locks (fcntl F_OFD_SETLK, F_OFD_GETLK) over a whole file. The
/// kernel keeps them apart from flock(2) locks on the same file, so a holder of both can be told
/// from a holder of the flock alone; unlike classic fcntl locks they are not dropped when the
/// process closes another descriptor of the file, and testing for one takes nothing.
/// </summary>
internal static unsafe class RecordLock
{
    /// <summary>Takes a write lock on the whole file without waiting (EAGAIN when held elsewhere).</summary>
    public static Errno Lock(Descriptor fd)
    {
        var record = new Record { Type = Linux.F_WRLCK };
        return LastError.Of(fd.Control(Linux.F_OFD_SETLK, &record));
    }

    /// <summary>Whether another open file description holds a lock on the file (<paramref name="held"/>); the errno of the test.</summary>
    public static Errno Test(Descriptor fd, out bool held)
    {
        var record = new Record { Type = Linux.F_WRLCK };
        int r = fd.Control(Linux.F_OFD_GETLK, &record);
        held = r == 0 && record.Type != Linux.F_UNLCK;
        return LastError.Of(r);
    }

    // struct flock on LP64: l_type, l_whence, l_start, l_len, l_pid (0 for F_OFD_*).
    [StructLayout(LayoutKind.Sequential)]
    private struct Record
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }
}
