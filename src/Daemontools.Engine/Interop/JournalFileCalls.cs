using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// The calls behind multilog's input journal: a file opened for reading and writing, filled
/// straight from a pipe with splice(2) (the kernel takes out of the pipe exactly the bytes it
/// wrote to the file, so a kill cannot fall between the two), read back with pread(2), shrunk
/// with ftruncate(2) and given room ahead with fallocate(2). Failures return -1 (or errno) and
/// never throw: the journal retries and words them.
/// </summary>
public static unsafe partial class JournalFileCalls
{
    private const int ReadWrite = 2, Create = 0x40, CloseOnExec = 0x80000;
    private const uint SpliceNonBlocking = 2; // SPLICE_F_NONBLOCK
    private const int KeepSize = 1; // FALLOC_FL_KEEP_SIZE

    [LibraryImport("libc.so.6", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc.so.6", EntryPoint = "splice", SetLastError = true)]
    private static partial nint SpliceNative(int input, long* inputOffset, int output, long* outputOffset, nuint length, uint flags);

    [LibraryImport("libc.so.6", EntryPoint = "pread", SetLastError = true)]
    private static partial nint ReadAtNative(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc.so.6", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int TruncateNative(int fd, long length);

    [LibraryImport("libc.so.6", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int AllocateNative(int fd, int mode, long offset, long length);

    [LibraryImport("libc.so.6", EntryPoint = "fstat", SetLastError = true)]
    private static partial int StatNative(int fd, byte* buffer);

    [LibraryImport("libc.so.6", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatNative(string path, byte* buffer);

    /// <summary>Opens (creating it 0600 before umask) a file for reading and writing, close-on-exec.</summary>
    public static int OpenReadWrite(string path, out int errno)
    {
        while (true)
        {
            int fd = OpenNative(path, ReadWrite | Create | CloseOnExec, 0x180);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (fd >= 0 || errno != Errno.EINTR) return fd;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes from pipe <paramref name="pipe"/> into
    /// <paramref name="file"/> at <paramref name="offset"/> without waiting for the pipe: the count
    /// moved, 0 at end of input, or -1 with errno (EAGAIN: the pipe is empty; EINVAL: one side
    /// cannot splice).
    /// </summary>
    public static int Splice(int pipe, int file, long offset, int length, out int errno)
    {
        while (true)
        {
            long at = offset;
            nint n = SpliceNative(pipe, null, file, &at, (nuint)length, SpliceNonBlocking);
            errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (n >= 0 || errno != Errno.EINTR) return (int)n;
        }
    }

    /// <summary>pread(2), EINTR retried: bytes read (0 past the end), or -1 with errno.</summary>
    public static int ReadAt(int fd, Span<byte> buffer, long offset, out int errno)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = ReadAtNative(fd, p, (nuint)buffer.Length, offset);
                errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (n >= 0 || errno != Errno.EINTR) return (int)n;
            }
        }
    }

    /// <summary>ftruncate(2); 0 or errno.</summary>
    public static int Truncate(int fd, long length) => TruncateNative(fd, length) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Reserves blocks for [offset, offset+length) without changing the size (FALLOC_FL_KEEP_SIZE); 0 or errno.</summary>
    public static int Reserve(int fd, long offset, long length) => AllocateNative(fd, KeepSize, offset, length) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The size and inode number of an open file; errno or 0.</summary>
    public static int SizeAndInode(int fd, out long size, out ulong inode)
    {
        byte* st = stackalloc byte[StatSize];
        return Facts(StatNative(fd, st), st, out size, out inode);
    }

    /// <summary>The size and inode number of a file, following symlinks; errno or 0.</summary>
    public static int SizeAndInode(string path, out long size, out ulong inode)
    {
        byte* st = stackalloc byte[StatSize];
        return Facts(StatNative(path, st), st, out size, out inode);
    }

    // struct stat differs between x86-64 and arm64, but both keep st_ino at 8 and st_size at 48.
    private const int StatSize = 256;

    private static int Facts(int result, byte* st, out long size, out ulong inode)
    {
        if (result != 0)
        {
            size = 0;
            inode = 0;
            return Marshal.GetLastPInvokeError();
        }
        inode = *(ulong*)(st + 8);
        size = *(long*)(st + 48);
        return 0;
    }
}
