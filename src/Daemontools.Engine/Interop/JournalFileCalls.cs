using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>What fstat(2) says about multilog's journal file: enough to trust it and size it.</summary>
public readonly record struct JournalFileFacts(long Size, ulong Inode, uint Owner, uint Mode, ulong Links);

/// <summary>
/// The calls behind multilog's input journal: a file mapped shared into memory, filled straight
/// from a pipe with splice(2). splice takes out of the pipe exactly the bytes it wrote to the file
/// and, before returning, stores the new file offset through the pointer it was given; pointing
/// that at a word of the mapping records the count in the file in the same system call. Failures
/// return -1 (or errno) and never throw: the journal retries and words them.
/// </summary>
public static unsafe partial class JournalFileCalls
{
    private const int ReadWrite = 2, Create = 0x40, NoFollow = 0x20000, CloseOnExec = 0x80000;
    private const uint SpliceNonBlocking = 2; // SPLICE_F_NONBLOCK
    private const int ProtectReadWrite = 3, MapShared = 1;

    [LibraryImport("libc.so.6", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc.so.6", EntryPoint = "splice", SetLastError = true)]
    private static partial nint SpliceNative(int input, long* inputOffset, int output, long* outputOffset, nuint length, uint flags);

    [LibraryImport("libc.so.6", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int TruncateNative(int fd, long length);

    [LibraryImport("libc.so.6", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int AllocateNative(int fd, int mode, long offset, long length);

    [LibraryImport("libc.so.6", EntryPoint = "fstat", SetLastError = true)]
    private static partial int StatNative(int fd, byte* buffer);

    [LibraryImport("libc.so.6", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatNative(string path, byte* buffer);

    [LibraryImport("libc.so.6", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint MapNative(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc.so.6", EntryPoint = "munmap")]
    private static partial int UnmapNative(nint address, nuint length);

    [LibraryImport("libc.so.6", EntryPoint = "mlock")]
    private static partial int LockNative(nint address, nuint length);

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc.so.6", EntryPoint = "geteuid")]
    private static partial uint EffectiveUserNative();

    /// <summary>Opens (creating it 0600 before umask) a file for reading and writing, close-on-exec, never through a symlink.</summary>
    public static int OpenReadWrite(string path, out int errno)
    {
        while (true)
        {
            int fd = OpenNative(path, ReadWrite | Create | NoFollow | CloseOnExec, 0x180);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (fd >= 0 || errno != Errno.EINTR) return fd;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes from pipe <paramref name="pipe"/> into
    /// <paramref name="file"/> at *<paramref name="offset"/>, which the kernel advances past them
    /// before the call returns; does not wait for the pipe. The count moved, 0 at end of input, or
    /// -1 with errno (EAGAIN: the pipe is empty; EINVAL: one side cannot splice).
    /// </summary>
    public static int Splice(int pipe, int file, long* offset, int length, out int errno)
    {
        while (true)
        {
            nint n = SpliceNative(pipe, null, file, offset, (nuint)length, SpliceNonBlocking);
            errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (n >= 0 || errno != Errno.EINTR) return (int)n;
        }
    }

    /// <summary>ftruncate(2); 0 or errno.</summary>
    public static int Truncate(int fd, long length) => TruncateNative(fd, length) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Allocates the file's blocks for [0, length) now (fallocate(2)), so later writes cannot fail for space; 0 or errno.</summary>
    public static int Allocate(int fd, long length) => AllocateNative(fd, 0, 0, length) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Maps <paramref name="length"/> bytes of the file shared, readable and writable; null with errno on failure.</summary>
    public static byte* Map(int fd, long length, out int errno)
    {
        nint at = MapNative(0, (nuint)length, ProtectReadWrite, MapShared, fd, 0);
        errno = at == -1 ? Marshal.GetLastPInvokeError() : 0;
        return at == -1 ? null : (byte*)at;
    }

    /// <summary>Unmaps what <see cref="Map"/> mapped.</summary>
    public static void Unmap(byte* address, long length) => UnmapNative((nint)address, (nuint)length);

    /// <summary>Keeps a page resident (mlock(2)) so the kernel never faults on it; false when the limit forbids it.</summary>
    public static bool KeepResident(byte* address, long length) => LockNative((nint)address, (nuint)length) == 0;

    /// <summary>The effective user id.</summary>
    public static uint EffectiveUser() => EffectiveUserNative();

    /// <summary>fstat(2) of an open file; errno or 0.</summary>
    public static int Facts(int fd, out JournalFileFacts facts)
    {
        byte* st = stackalloc byte[StatSize];
        return Read(StatNative(fd, st), st, out facts);
    }

    /// <summary>The size and inode number of a file, following symlinks; errno or 0.</summary>
    public static int SizeAndInode(string path, out long size, out ulong inode)
    {
        byte* st = stackalloc byte[StatSize];
        int errno = Read(StatNative(path, st), st, out JournalFileFacts facts);
        size = facts.Size;
        inode = facts.Inode;
        return errno;
    }

    /// <summary>
    /// When the file at <paramref name="path"/> was created (statx(2) btime), which sets apart a
    /// directory from a later one that reuses its inode number; false where the file system does not keep it.
    /// </summary>
    public static bool Birth(string path, out long seconds, out uint nanoseconds)
    {
        const int AtWorkingDirectory = -100;
        const uint BirthTime = 0x800; // STATX_BTIME
        byte* st = stackalloc byte[StatSize];
        seconds = 0;
        nanoseconds = 0;
        if (StatxNative(AtWorkingDirectory, path, 0, BirthTime, st) != 0 || (*(uint*)st & BirthTime) == 0) return false;
        seconds = *(long*)(st + 80);
        nanoseconds = *(uint*)(st + 88);
        return true;
    }

    /// <summary>The inode number of an open file, or 0.</summary>
    public static ulong InodeOf(int fd) => Facts(fd, out JournalFileFacts facts) == 0 ? facts.Inode : 0;

    private const int StatSize = 256;

    /// <summary>struct stat differs between x86-64 and arm64; both keep st_ino at 8 and st_size at 48.</summary>
    private static int Read(int result, byte* st, out JournalFileFacts facts)
    {
        if (result != 0)
        {
            facts = default;
            return Marshal.GetLastPInvokeError();
        }
        bool arm = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
        // x86-64: nlink u64 at 16, mode u32 at 24, uid at 28. arm64: mode u32 at 16, nlink u32 at 20, uid at 24.
        ulong links = arm ? *(uint*)(st + 20) : *(ulong*)(st + 16);
        uint mode = arm ? *(uint*)(st + 16) : *(uint*)(st + 24);
        uint owner = arm ? *(uint*)(st + 24) : *(uint*)(st + 28);
        facts = new JournalFileFacts(*(long*)(st + 48), *(ulong*)(st + 8), owner, mode, links);
        return 0;
    }
}
