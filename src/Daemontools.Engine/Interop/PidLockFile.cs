using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A lock file holding its owner's pid: flock(LOCK_EX) for the owner's lifetime, the pid written
/// inside so others can name the owner. The kernel drops the lock when the owner dies.
/// </summary>
public static unsafe class PidLockFile
{
    /// <summary>Creates or opens <paramref name="path"/>, locks it without waiting and writes our pid; returns the descriptor (kept open for life) or -1 with errno (EAGAIN: held by another process).</summary>
    public static int TryAcquire(string path, out int errno)
    {
        int fd = Open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, out errno);
        if (fd < 0) return -1;
        if (!FileLock.TryLock(fd, wait: false, out errno))
        {
            Descriptor.Close(fd);
            return -1;
        }
        byte[] pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        LibC.ftruncate(fd, 0);
        LibC.lseek(fd, 0, LibC.SEEK_SET);
        Descriptor.TryWriteAll(fd, pid, out _);
        return fd;
    }

    /// <summary>The pid of the process holding the lock on <paramref name="path"/>, or 0 when nobody holds it (or the file does not exist).</summary>
    public static int Holder(string path)
    {
        int fd = Open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, out _);
        if (fd < 0) return 0;
        try
        {
            if (FileLock.TryLock(fd, wait: false, out _, shared: true))
            {
                FileLock.Unlock(fd);
                return 0;
            }
            Span<byte> buffer = stackalloc byte[32];
            int n = Descriptor.TryRead(fd, buffer, out _);
            if (n <= 0) return -1;
            string text = Encoding.ASCII.GetString(buffer[..n]).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : -1;
        }
        finally
        {
            Descriptor.Close(fd);
        }
    }

    private static int Open(string path, int flags, out int errno)
    {
        int size = Encoding.UTF8.GetByteCount(path);
        byte* name = stackalloc byte[size + 1];
        Encoding.UTF8.GetBytes(path, new Span<byte>(name, size));
        name[size] = 0;
        while (true)
        {
            int fd = LibC.open(name, flags, 0b110_100_100);
            if (fd >= 0)
            {
                errno = 0;
                return fd;
            }
            errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) return -1;
        }
    }
}
