using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Raw declarations the scanner needs beyond Tmds.LibC: inotify and poll
/// with errno captured (an interrupted poll must read as EINTR).
/// Wrapped once in <see cref="DirectoryWatch"/> and <see cref="Poller"/>.
/// </summary>
internal static unsafe partial class ScanNative
{
    private const string LibC = "libc.so.6";

    public const int IN_NONBLOCK = 0x800, IN_CLOEXEC = 0x80000;
    public const uint IN_ATTRIB = 0x4, IN_MOVED_TO = 0x80, IN_CREATE = 0x100, IN_DELETE = 0x200, IN_MOVED_FROM = 0x40;

    [LibraryImport(LibC, EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int inotify_init1(int flags);

    [LibraryImport(LibC, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int inotify_add_watch(int fd, string path, uint mask);

    /// <summary>struct pollfd.</summary>
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    public const short POLLIN = 1;

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    public static partial int poll(PollFd* fds, ulong count, int timeout);
}
