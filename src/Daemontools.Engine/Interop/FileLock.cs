using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// BSD flock(2) locks, as the originals take them (supervise/lock, multilog's lock, setlock).
/// Not FileStream.Lock: that is an fcntl record lock, which does not conflict with flock.
/// </summary>
public static class FileLock
{
    /// <summary>Takes an exclusive (or shared) lock; with <paramref name="wait"/> false, EAGAIN (EWOULDBLOCK) means it is held elsewhere.</summary>
    public static bool TryLock(int fd, bool wait, out int errno, bool shared = false)
    {
        int operation = (shared ? LibCNative.LOCK_SH : LibCNative.LOCK_EX) | (wait ? 0 : LibCNative.LOCK_NB);
        while (true)
        {
            if (LibCNative.flock(fd, operation) == 0)
            {
                errno = 0;
                return true;
            }
            errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) return false;
        }
    }

    /// <summary>Releases the lock held through <paramref name="fd"/>.</summary>
    public static void Unlock(int fd) => LibCNative.flock(fd, LibCNative.LOCK_UN);
}
