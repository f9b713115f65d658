using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Path-based calls with errno reported, not thrown: the supervision programs word every
/// failure themselves ("unable to acquire DIR/supervise/lock: temporary failure").
/// </summary>
public static unsafe class FileSystem
{
    /// <summary>open(2) flags (Linux x86-64 and arm64 values).</summary>
    public const int ReadOnly = 0, WriteOnly = 1, Create = 0x40, Truncate = 0x200, Append = 0x400,
        NonBlocking = 0x800, Directory = 0x10000, CloseOnExec = 0x80000, PathOnly = 0x200000;

    /// <summary>openat's "relative to the working directory".</summary>
    public const int WorkingDirectory = -100;

    private const int FGetFl = 3, FSetFl = 4, XOk = 1, AtEAccess = 0x200;

    /// <summary>open(2); the descriptor, or -1 with errno.</summary>
    public static int Open(string path, int flags, int mode, out int errno) => OpenAt(WorkingDirectory, path, flags, mode, out errno);

    /// <summary>openat(2) relative to <paramref name="directory"/>; the descriptor, or -1 with errno.</summary>
    public static int OpenAt(int directory, string path, int flags, int mode, out int errno)
    {
        Span<byte> buffer = stackalloc byte[StackPathLimit];
        fixed (byte* p = CString(path, buffer))
        {
            while (true)
            {
                int fd = LibC.openat(directory, p, flags, (mode_t)(uint)mode);
                errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (fd >= 0 || errno != Errno.EINTR) return fd;
            }
        }
    }

    /// <summary>fstatat(2) relative to <paramref name="directory"/> (following links); 0 or errno.</summary>
    public static int StatAt(int directory, string path)
    {
        stat st;
        Span<byte> buffer = stackalloc byte[StackPathLimit];
        fixed (byte* p = CString(path, buffer))
        {
            return LibC.fstatat(directory, p, &st, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>mkfifo(3); 0 or errno.</summary>
    public static int MakeFifo(string path, int mode)
    {
        Span<byte> buffer = stackalloc byte[StackPathLimit];
        fixed (byte* p = CString(path, buffer))
        {
            return LibC.mkfifo(p, (mode_t)(uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>mkdir(2); 0 or errno.</summary>
    public static int MakeDirectory(string path, int mode)
    {
        Span<byte> buffer = stackalloc byte[StackPathLimit];
        fixed (byte* p = CString(path, buffer))
        {
            return LibC.mkdir(p, (mode_t)(uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>chdir(2) for the whole process; 0 or errno.</summary>
    public static int ChangeDirectory(string path)
    {
        Span<byte> buffer = stackalloc byte[StackPathLimit];
        fixed (byte* p = CString(path, buffer))
        {
            return LibC.chdir(p) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Whether this process may search (cd into) <paramref name="path"/>, by its effective ids.</summary>
    public static bool CanSearch(string path)
    {
        Span<byte> buffer = stackalloc byte[StackPathLimit];
        fixed (byte* p = CString(path, buffer))
        {
            return LibC.faccessat(WorkingDirectory, p, XOk, AtEAccess) == 0;
        }
    }

    /// <summary>Turns O_NONBLOCK off, as the originals' ndelay_off does.</summary>
    public static void SetBlocking(int fd)
    {
        int flags = LibC.fcntl(fd, FGetFl);
        if (flags >= 0) LibC.fcntl(fd, FSetFl, flags & ~NonBlocking);
    }

    /// <summary>One write(2) call, never repeated: the bytes reach a FIFO together or not at all. The count written, or -1 with errno.</summary>
    public static int WriteOnce(int fd, ReadOnlySpan<byte> data, out int errno)
    {
        fixed (byte* p = data)
        {
            while (true)
            {
                long n = (long)LibC.write(fd, p, (size_t)(ulong)data.Length);
                errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (n >= 0 || errno != Errno.EINTR) return (int)n;
            }
        }
    }

    private const int StackPathLimit = 512;

    /// <summary>The path as a NUL-terminated UTF-8 string in <paramref name="buffer"/> (on the stack when short: svstat does this thousands of times).</summary>
    private static Span<byte> CString(string path, Span<byte> buffer)
    {
        int max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> target = max <= buffer.Length ? buffer : new byte[max];
        int n = Encoding.UTF8.GetBytes(path, target);
        target[n] = 0;
        return target;
    }
}
