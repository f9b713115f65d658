using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// An O_PATH descriptor for a service directory: the clients' stand-in for 0.76's chdir(dir), so
/// that a library (and the cmdlets) never changes the process's working directory. Opening it
/// fails where chdir would (ENOENT, ENOTDIR, ELOOP); a directory that may not be searched shows up
/// later as EACCES, which <see cref="BlamesDirectory"/> attributes to the chdir step, as 0.76 would.
/// </summary>
internal readonly record struct ServiceDirectoryHandle(string Path, Descriptor Fd) : IDisposable
{
    /// <summary>Opens the directory; the errno chdir would give when it cannot.</summary>
    public static Errno Open(string path, out ServiceDirectoryHandle handle)
    {
        Errno errno = FileSystem.OpenDirectoryPath(path, out Descriptor fd);
        handle = new ServiceDirectoryHandle(path, fd);
        return errno;
    }

    /// <summary>True when an EACCES from a later step really means "cannot chdir there".</summary>
    public bool BlamesDirectory(Errno errno) => errno == Errno.EACCES && FileSystem.CheckSearchable(FileSystem.WorkingDirectory, Path) != Errno.None;

    public void Dispose()
    {
        if (Fd.IsValid) Fd.Close();
    }
}
