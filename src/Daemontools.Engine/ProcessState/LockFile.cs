using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// setlock's lock: the file opened for appending (created 0600), then an exclusive flock, waiting
/// for it or not. The lock lasts as long as some process holds the descriptor open.
/// </summary>
public sealed class LockFile : IDisposable
{
    private LockFile(string path, Descriptor descriptor)
    {
        Path = path;
        Descriptor = descriptor;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The locked descriptor (inherited across exec when acquired inheritable).</summary>
    internal Descriptor Descriptor { get; private set; }

    /// <summary>Opens and locks <paramref name="path"/>; throws <see cref="LockFileException"/>.</summary>
    public static LockFile Acquire(string path, bool wait, bool inheritable = true)
    {
        Errno errno = FileSystem.OpenAppend(path, out Descriptor fd, inheritable);
        if (errno != Errno.None) throw new LockFileException(LockFileStep.Open, path, errno);
        errno = FileLock.Lock(fd, wait);
        if (errno != Errno.None)
        {
            fd.Close();
            throw new LockFileException(LockFileStep.Lock, path, errno);
        }
        return new LockFile(path, fd);
    }

    /// <summary>Releases the lock by closing the descriptor.</summary>
    public void Dispose()
    {
        if (!Descriptor.IsValid) return;
        Descriptor.Close();
        Descriptor = Descriptor.None;
    }
}
