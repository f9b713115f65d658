using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// An open file descriptor: read, write, sync, mode, flags, close. Every call retries EINTR and
/// reports errno as <see cref="Errno"/> (None on success); nothing here throws.
/// </summary>
internal readonly unsafe partial struct Descriptor : IEquatable<Descriptor>
{
    /// <summary>Standard input, output and error.</summary>
    public static readonly Descriptor StandardInput = new(0), StandardOutput = new(1), StandardError = new(2);

    /// <summary>No descriptor (-1): what a failed open leaves.</summary>
    public static readonly Descriptor None = new(-1);

    public Descriptor(int number) => Number = number;

    /// <summary>The descriptor number.</summary>
    public int Number { get; }

    /// <summary>True for a real descriptor (not <see cref="None"/>).</summary>
    public bool IsValid => Number >= 0;

    /// <summary>read(2): <paramref name="count"/> bytes read, 0 at end of file.</summary>
    public Errno Read(Span<byte> buffer, out int count)
    {
        fixed (byte* p = buffer) return Transfer(&read, p, buffer.Length, out count);
    }

    /// <summary>One write(2), never repeated (so bytes reach a FIFO together or not at all): <paramref name="count"/> written.</summary>
    public Errno Write(ReadOnlySpan<byte> data, out int count)
    {
        fixed (byte* p = data) return Transfer(&write, p, data.Length, out count);
    }

    /// <summary>Writes all of <paramref name="data"/>, in as many write(2) calls as it takes.</summary>
    public Errno WriteAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            Errno errno = Write(data, out int n);
            if (errno != Errno.None) return errno;
            data = data[n..];
        }
        return Errno.None;
    }

    /// <summary>One pwrite(2) at <paramref name="offset"/>: <paramref name="count"/> written.</summary>
    public Errno WriteAt(ReadOnlySpan<byte> data, long offset, out int count)
    {
        fixed (byte* p = data) return TransferAt(&pwrite, p, data.Length, offset, out count);
    }

    /// <summary>One pread(2) at <paramref name="offset"/>: <paramref name="count"/> read, 0 past the end.</summary>
    public Errno ReadAt(Span<byte> buffer, long offset, out int count)
    {
        fixed (byte* p = buffer) return TransferAt(&pread, p, buffer.Length, offset, out count);
    }

    /// <summary>fsync(2).</summary>
    public Errno Sync() => LastError.Of(fsync(Number));

    /// <summary>fchmod(2).</summary>
    public Errno SetMode(UnixFileMode mode) => LastError.Of(fchmod(Number, (uint)mode));

    /// <summary>ftruncate(2).</summary>
    public Errno Truncate(long length) => LastError.Of(ftruncate(Number, length));

    /// <summary>fallocate(2) of [0, <paramref name="length"/>): the blocks are taken now, so writes inside cannot fail for space.</summary>
    public Errno Allocate(long length) => LastError.Of(fallocate(Number, 0, 0, length));

    /// <summary>What statx(2) says about the open file.</summary>
    public Errno Stat(out FileFacts facts) => FileSystem.StatAt(this, string.Empty, out facts, Linux.AT_EMPTY_PATH);

    /// <summary>Turns O_NONBLOCK off, as the originals' ndelay_off does.</summary>
    public void SetBlocking()
    {
        int flags = Control(Linux.F_GETFL, 0);
        if (flags >= 0) Control(Linux.F_SETFL, flags & ~Linux.O_NONBLOCK);
    }

    /// <summary>Moves the descriptor to a number at or above <paramref name="minimum"/> (close-on-exec), closing this one; itself when that fails.</summary>
    public Descriptor MoveAbove(int minimum)
    {
        int moved = Control(Linux.F_DUPFD_CLOEXEC, minimum);
        if (moved < 0) return this;
        Close();
        return new Descriptor(moved);
    }

    /// <summary>Reads and discards what a non-blocking descriptor holds now (inotify events, FIFO wake-ups); true when there was anything.</summary>
    public bool Drain()
    {
        Span<byte> buffer = stackalloc byte[4096]; // room for any inotify event with its name
        bool any = false;
        while (Read(buffer, out int n) == Errno.None && n > 0) any = true;
        return any;
    }

    /// <summary>fcntl(2) with an int argument: the result, or -1.</summary>
    public int Control(int command, int argument) => fcntl(Number, command, argument);

    /// <summary>fcntl(2) with a pointer argument (a struct flock): the result, or -1.</summary>
    public int Control(int command, void* argument) => fcntl(Number, command, (nint)argument);

    /// <summary>close(2); errors are ignored (there is nothing useful to do with them).</summary>
    public void Close() => close(Number);

    /// <summary>
    /// The lowest numbers (up to <paramref name="count"/>, below RLIMIT_NOFILE) that dup() would give
    /// a C program here: not open, or open only close-on-exec (the runtime's, which the program would
    /// not have), with <paramref name="closing"/> counted as free. Probed with fcntl, so it works when
    /// no descriptor is left (listing /proc/self/fd would need one).
    /// </summary>
    public static List<int> LowestFree(int count, Descriptor closing)
    {
        ulong limit = Limits.Get(Linux.RLIMIT_NOFILE, out ulong soft, out _) == Errno.None ? soft : int.MaxValue;
        var free = new List<int>(count);
        for (int fd = 0; free.Count < count && (ulong)fd < limit; fd++)
        {
            int flags = fcntl(fd, Linux.F_GETFD, 0);
            if (flags < 0 || (flags & Linux.FD_CLOEXEC) != 0 || fd == closing.Number) free.Add(fd);
        }
        return free;
    }

    /// <summary>One read(2) or write(2), EINTR retried.</summary>
    private Errno Transfer(delegate*<int, byte*, nuint, nint> call, byte* buffer, int length, out int count)
    {
        nint n;
        do n = call(Number, buffer, (nuint)length);
        while (LastError.Interrupted(n));
        return LastError.Count(n, out count);
    }

    /// <summary>One pread(2) or pwrite(2), EINTR retried.</summary>
    private Errno TransferAt(delegate*<int, byte*, nuint, long, nint> call, byte* buffer, int length, long offset, out int count)
    {
        nint n;
        do n = call(Number, buffer, (nuint)length, offset);
        while (LastError.Interrupted(n));
        return LastError.Count(n, out count);
    }

    public bool Equals(Descriptor other) => Number == other.Number;

    public override bool Equals(object? obj) => obj is Descriptor other && Equals(other);

    public override int GetHashCode() => Number;

    public override string ToString() => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool operator ==(Descriptor left, Descriptor right) => left.Equals(right);

    public static bool operator !=(Descriptor left, Descriptor right) => !left.Equals(right);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int fchmod(int fd, uint mode);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int ftruncate(int fd, long length);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int fcntl(int fd, int command, nint argument); // variadic: an int or a pointer, in one register either way

    [LibraryImport(Linux.LibC)]
    private static partial int close(int fd);
}
