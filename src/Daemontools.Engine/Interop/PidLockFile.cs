using System.Globalization;
using System.Text;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A lock file holding its owner's pid: flock(LOCK_EX) for the owner's lifetime, the pid written
/// inside so others can name the owner. The kernel drops the lock when the owner dies.
/// </summary>
internal static class PidLockFile
{
    private const UnixFileMode Mode = FileModes.Readable;

    /// <summary>Creates or opens <paramref name="path"/>, locks it without waiting and writes our pid; the descriptor is kept open for life (EAGAIN: held by another process).</summary>
    public static Errno Acquire(string path, out Descriptor fd)
    {
        Errno errno = FileSystem.Open(path, Linux.O_RDWR | Linux.O_CREAT, Mode, out fd);
        if (errno != Errno.None) return errno;
        errno = FileLock.Lock(fd, wait: false);
        if (errno != Errno.None)
        {
            fd.Close();
            fd = Descriptor.None;
            return errno;
        }
        byte[] pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        fd.Truncate(0);
        fd.WriteAt(pid, 0, out _);
        return Errno.None;
    }

    /// <summary>The pid of the process holding the lock on <paramref name="path"/>: 0 when nobody holds it (or there is no file), -1 when the pid cannot be read.</summary>
    public static int Holder(string path)
    {
        if (FileSystem.Open(path, Linux.O_RDONLY, 0, out Descriptor fd) != Errno.None) return 0;
        try
        {
            if (FileLock.Lock(fd, wait: false, shared: true) == Errno.None)
            {
                FileLock.Unlock(fd);
                return 0;
            }
            Span<byte> buffer = stackalloc byte[32];
            if (fd.Read(buffer, out int n) != Errno.None || n == 0) return -1;
            string text = Encoding.ASCII.GetString(buffer[..n]).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : -1;
        }
        finally
        {
            fd.Close();
        }
    }
}
