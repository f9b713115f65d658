using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// An inotify watch on one directory for names appearing in it (created, renamed in, linked).
/// The descriptor becomes readable on each event; <see cref="Drain"/> empties it.
/// </summary>
internal sealed unsafe partial class DirectoryWatch : IDisposable
{
    private Descriptor _fd;

    private DirectoryWatch(Descriptor fd) => _fd = fd;

    /// <summary>The inotify descriptor, for poll.</summary>
    public Descriptor Descriptor => _fd;

    /// <summary>Starts watching <paramref name="path"/>; <paramref name="watch"/> is null when inotify is unavailable.</summary>
    public static Errno Create(string path, out DirectoryWatch? watch)
    {
        watch = null;
        int fd = inotify_init1(Linux.IN_NONBLOCK | Linux.IN_CLOEXEC);
        if (fd < 0) return LastError.Value;
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        int added;
        fixed (byte* p = PathName.Encode(path, buffer)) added = inotify_add_watch(fd, p, Linux.IN_CREATE | Linux.IN_MOVED_TO);
        if (added < 0)
        {
            Errno errno = LastError.Value;
            new Descriptor(fd).Close();
            return errno;
        }
        watch = new DirectoryWatch(new Descriptor(fd));
        return Errno.None;
    }

    /// <summary>An inotify instance with no watch yet (see <see cref="Add"/>); <paramref name="watch"/> is null when inotify is unavailable.</summary>
    public static Errno CreateEmpty(out DirectoryWatch? watch)
    {
        watch = null;
        int fd = inotify_init1(Linux.IN_NONBLOCK | Linux.IN_CLOEXEC);
        if (fd < 0) return LastError.Value;
        watch = new DirectoryWatch(new Descriptor(fd));
        return Errno.None;
    }

    /// <summary>Also watches <paramref name="path"/>, for names renamed into it only (supervise's status rename).</summary>
    public Errno Add(string path)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            return inotify_add_watch(_fd.Number, p, Linux.IN_MOVED_TO) < 0 ? LastError.Value : Errno.None;
        }
    }

    /// <summary>Reads and discards pending events; true when there were any.</summary>
    public bool Drain() => _fd.Drain();

    public void Dispose()
    {
        if (!_fd.IsValid) return;
        _fd.Close();
        _fd = Interop.Descriptor.None;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int inotify_init1(int flags);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int inotify_add_watch(int fd, byte* path, uint mask);
}
