using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A file mapped shared into memory (mmap(2) MAP_SHARED): stores land in the file's pages at
/// once, so they outlive a kill of the process, and the kernel may store into it too (through a
/// pointer handed to a system call).
/// </summary>
internal readonly unsafe partial struct SharedMapping
{
    private SharedMapping(byte* start, long length)
    {
        Start = start;
        Length = length;
    }

    /// <summary>The first byte of the mapping (null for none).</summary>
    public byte* Start { get; }

    /// <summary>Bytes mapped.</summary>
    public long Length { get; }

    /// <summary>Maps the first <paramref name="length"/> bytes of <paramref name="file"/> readable and writable.</summary>
    public static Errno Map(Descriptor file, long length, out SharedMapping mapping)
    {
        nint at = mmap(0, (nuint)length, Linux.PROT_READ | Linux.PROT_WRITE, Linux.MAP_SHARED, file.Number, 0);
        mapping = at == -1 ? default : new SharedMapping((byte*)at, length);
        return at == -1 ? LastError.Value : Errno.None;
    }

    /// <summary>
    /// Keeps [<paramref name="offset"/>, +<paramref name="length"/>) resident (mlock(2)): no page fault there,
    /// not even for a store the kernel makes on our behalf. False when RLIMIT_MEMLOCK forbids it.
    /// </summary>
    public bool KeepResident(long offset, long length) => mlock((nint)(Start + offset), (nuint)length) == 0;

    /// <summary>Unmaps it.</summary>
    public void Unmap()
    {
        if (Start is not null) munmap((nint)Start, (nuint)Length);
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Linux.LibC)]
    private static partial int munmap(nint address, nuint length);

    [LibraryImport(Linux.LibC)]
    private static partial int mlock(nint address, nuint length);
}
