using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// BSD flock(2) locks, as the originals take them (supervise/lock, multilog's lock, setlock).
/// Not FileStream.Lock: that is an fcntl record lock, which does not conflict with flock.
/// </summary>
internal static partial class FileLock
{
    /// <summary>An exclusive (or shared) lock; without <paramref name="wait"/>, EAGAIN means it is held elsewhere.</summary>
    public static Errno Lock(Descriptor fd, bool wait, bool shared = false)
    {
        int operation = (shared ? Linux.LOCK_SH : Linux.LOCK_EX) | (wait ? 0 : Linux.LOCK_NB);
        int r;
        do r = flock(fd.Number, operation);
        while (LastError.Interrupted(r));
        return LastError.Of(r);
    }

    /// <summary>Releases the lock held through <paramref name="fd"/>.</summary>
    public static void Unlock(Descriptor fd) => flock(fd.Number, Linux.LOCK_UN);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int flock(int fd, int operation);
}
