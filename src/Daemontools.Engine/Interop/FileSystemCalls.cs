using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>What stat(2) says about a file, as far as the loggers care.</summary>
public readonly record struct FileFacts(uint Mode, long Size, long Links);

/// <summary>
/// The file-system calls of the log directory protocol with the originals' open flags. Each
/// returns -1 (or false) with errno on failure instead of throwing: callers retry and word it.
/// Every descriptor is opened close-on-exec, as the originals mark theirs with coe().
/// </summary>
public static unsafe partial class FileSystemCalls
{
    private const int ReadOnly = 0, WriteOnly = 1, Create = 0x40, Truncate = 0x200, Append = 0x400,
        NonBlocking = 0x800, DirectoryOnly = 0x10000, CloseOnExec = 0x80000;

    private const int DuplicateCloseOnExec = 1030; // F_DUPFD_CLOEXEC

    /// <summary>open_append: write-only, appending, created 0600 (before umask).</summary>
    public static int OpenAppend(string path, out int errno) =>
        Open(path, WriteOnly | NonBlocking | Append | Create, 0x180, out errno);

    /// <summary>open_trunc: write-only, truncated, created 0644 (before umask).</summary>
    public static int OpenTruncate(string path, out int errno) =>
        Open(path, WriteOnly | NonBlocking | Truncate | Create, 0x1a4, out errno);

    /// <summary>open_read: read-only.</summary>
    public static int OpenRead(string path, out int errno) => Open(path, ReadOnly | NonBlocking, 0, out errno);

    /// <summary>open_write: write-only, not created.</summary>
    public static int OpenWrite(string path, out int errno) => Open(path, WriteOnly | NonBlocking, 0, out errno);

    /// <summary>Opens a directory for fsync and as proof that it is one.</summary>
    public static int OpenDirectory(string path, out int errno) => Open(path, ReadOnly | DirectoryOnly, 0, out errno);

    /// <summary>write(2) once, EINTR retried: bytes written, or -1 with errno.</summary>
    public static int Write(int fd, ReadOnlySpan<byte> data, out int errno)
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

    /// <summary>pwrite(2) once at <paramref name="offset"/>: bytes written, or -1 with errno.</summary>
    public static int WriteAt(int fd, ReadOnlySpan<byte> data, long offset, out int errno)
    {
        fixed (byte* p = data)
        {
            while (true)
            {
                long n = (long)LibC.pwrite(fd, p, (size_t)(ulong)data.Length, (off_t)offset);
                errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (n >= 0 || errno != Errno.EINTR) return (int)n;
            }
        }
    }

    /// <summary>fsync(2); 0 or errno.</summary>
    public static int Sync(int fd) => LibC.fsync(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>fchmod(2); 0 or errno.</summary>
    public static int SetMode(int fd, uint mode) => LibC.fchmod(fd, (mode_t)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>chmod(2); 0 or errno.</summary>
    public static int SetMode(string path, uint mode)
    {
        fixed (byte* p = Bytes(path))
        {
            return LibC.chmod(p, (mode_t)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>link(2); 0 or errno.</summary>
    public static int Link(string existing, string newName)
    {
        fixed (byte* from = Bytes(existing))
        fixed (byte* to = Bytes(newName))
        {
            return LibC.link(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>unlink(2); 0 or errno.</summary>
    public static int Unlink(string path)
    {
        fixed (byte* p = Bytes(path))
        {
            return LibC.unlink(p) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>mkdir(2); 0 or errno.</summary>
    public static int MakeDirectory(string path, uint mode)
    {
        fixed (byte* p = Bytes(path))
        {
            return LibC.mkdir(p, (mode_t)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>stat(2); 0 or errno.</summary>
    public static int Stat(string path, out FileFacts facts)
    {
        stat st;
        fixed (byte* p = Bytes(path))
        {
            if (LibC.stat(p, &st) != 0)
            {
                facts = default;
                return Marshal.GetLastPInvokeError();
            }
        }
        facts = new FileFacts((uint)st.st_mode, (long)st.st_size, (long)(ulong)st.st_nlink);
        return 0;
    }

    /// <summary>umask(2); returns the previous mask.</summary>
    public static uint SetUmask(uint mask) => (uint)LibC.umask((mode_t)mask);

    /// <summary>Moves <paramref name="fd"/> to a number at or above <paramref name="minimum"/> (close-on-exec), closing the original.</summary>
    public static int MoveAbove(int fd, int minimum)
    {
        int moved = LibC.fcntl(fd, DuplicateCloseOnExec, minimum);
        if (moved < 0) return fd;
        LibC.close(fd);
        return moved;
    }

    /// <summary>A close-on-exec, non-blocking pipe used to wake a poll from another thread; false when no descriptors are left.</summary>
    public static bool TryWakePipe(out int read, out int write)
    {
        int* fds = stackalloc int[2];
        bool made = LibC.pipe2(fds, CloseOnExec | NonBlocking) == 0;
        read = made ? fds[0] : -1;
        write = made ? fds[1] : -1;
        return made;
    }

    /// <summary>
    /// Waits until <paramref name="input"/> or <paramref name="wake"/> is readable (or hung up),
    /// or <paramref name="timeoutMs"/> passes (-1: forever). Returns (input ready, wake ready).
    /// </summary>
    public static (bool Input, bool Wake) Poll(int input, int wake, int timeoutMs)
    {
        pollfd* fds = stackalloc pollfd[2];
        fds[0].fd = input;
        fds[0].events = LibC.POLLIN;
        fds[1].fd = wake;
        fds[1].events = LibC.POLLIN;
        int r = LibC.poll(fds, 2, timeoutMs);
        if (r <= 0) return (false, false);
        return (fds[0].revents != 0, fds[1].revents != 0);
    }

    private static int Open(string path, int flags, int mode, out int errno)
    {
        fixed (byte* p = Bytes(path))
        {
            while (true)
            {
                int fd = LibC.open(p, flags | CloseOnExec, (mode_t)mode);
                errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (fd >= 0 || errno != Errno.EINTR) return fd;
            }
        }
    }

    private static byte[] Bytes(string path)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
