using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// An O_PATH descriptor for a service directory: the clients' stand-in for 0.76's chdir(dir), so
/// that a library (and the cmdlets) never changes the process's working directory. Opening it
/// fails where chdir would (ENOENT, ENOTDIR, ELOOP); a directory that may not be searched shows up
/// later as EACCES, which <see cref="BlamesDirectory"/> attributes to the chdir step, as 0.76 would.
/// </summary>
internal readonly struct ServiceDirectoryHandle : IDisposable
{
    private ServiceDirectoryHandle(string path, int fd)
    {
        Path = path;
        Fd = fd;
    }

    public string Path { get; }

    public int Fd { get; }

    /// <summary>Opens the directory; false with errno when chdir would fail.</summary>
    public static bool TryOpen(string path, out ServiceDirectoryHandle handle, out int errno)
    {
        int fd = FileSystem.Open(path, FileSystem.PathOnly | FileSystem.Directory | FileSystem.CloseOnExec, 0, out errno);
        handle = new ServiceDirectoryHandle(path, fd);
        return fd >= 0;
    }

    /// <summary>True when an EACCES from a later step really means "cannot chdir there".</summary>
    public bool BlamesDirectory(int errno) => errno == Errno.EACCES && !FileSystem.CanSearch(Path);

    public void Dispose()
    {
        if (Fd >= 0) Descriptor.Close(Fd);
    }
}
