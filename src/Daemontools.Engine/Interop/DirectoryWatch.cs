using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// An inotify watch on one directory for names appearing in it (created, renamed in, linked).
/// The descriptor becomes readable on each event; <see cref="Drain"/> empties it.
/// </summary>
public sealed class DirectoryWatch : IDisposable
{
    private int _fd;

    private DirectoryWatch(int fd)
    {
        _fd = fd;
    }

    /// <summary>The inotify descriptor, for poll.</summary>
    public int Descriptor => _fd;

    /// <summary>Starts watching <paramref name="path"/>; null with errno when inotify is unavailable.</summary>
    public static DirectoryWatch? TryCreate(string path, out int errno)
    {
        int fd = ScanNative.inotify_init1(ScanNative.IN_NONBLOCK | ScanNative.IN_CLOEXEC);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        const uint mask = ScanNative.IN_CREATE | ScanNative.IN_MOVED_TO;
        if (ScanNative.inotify_add_watch(fd, path, mask) < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            Interop.Descriptor.Close(fd);
            return null;
        }
        errno = 0;
        return new DirectoryWatch(fd);
    }

    /// <summary>Starts an inotify instance with no watch yet (see <see cref="TryAdd"/>); null with errno when inotify is unavailable.</summary>
    public static DirectoryWatch? TryCreateEmpty(out int errno)
    {
        int fd = ScanNative.inotify_init1(ScanNative.IN_NONBLOCK | ScanNative.IN_CLOEXEC);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new DirectoryWatch(fd);
    }

    /// <summary>Also watches <paramref name="path"/> for names renamed into it (a status rename); 0 or errno.</summary>
    public int TryAdd(string path) =>
        ScanNative.inotify_add_watch(_fd, path, ScanNative.IN_MOVED_TO) < 0 ? Marshal.GetLastPInvokeError() : 0;

    /// <summary>Reads and discards pending events; true when there were any.</summary>
    public bool Drain()
    {
        Span<byte> buffer = stackalloc byte[4096];
        bool any = false;
        while (Interop.Descriptor.TryRead(_fd, buffer, out _) > 0) any = true;
        return any;
    }

    public void Dispose()
    {
        if (_fd < 0) return;
        Interop.Descriptor.Close(_fd);
        _fd = -1;
    }
}
