using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Named pipes as supervise and its clients use them: supervise makes supervise/control and
/// supervise/ok and keeps them open for reading; a client opens them for writing without
/// blocking, and ENXIO then means no supervise is reading.
/// </summary>
internal static unsafe partial class Fifo
{
    /// <summary>mkfifo(3).</summary>
    public static Errno Make(string path, UnixFileMode mode) => FileSystem.Call(path, (uint)mode, &mkfifo);

    /// <summary>Opens for reading without waiting for a writer.</summary>
    public static Errno OpenReader(Descriptor directory, string path, out Descriptor fd) =>
        FileSystem.OpenAt(directory, path, Linux.O_RDONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0, out fd);

    /// <summary>
    /// Opens for writing without waiting; ENXIO when nobody reads. O_APPEND changes nothing for a
    /// FIFO, but a regular file found in its place then keeps every client's bytes, in order, for
    /// supervise to apply when it puts its FIFO back (0.76's svc writes over the previous client's).
    /// </summary>
    public static Errno OpenWriter(Descriptor directory, string path, out Descriptor fd) =>
        FileSystem.OpenAt(directory, path, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_APPEND | Linux.O_CLOEXEC, 0, out fd);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int mkfifo(byte* path, uint mode);
}
