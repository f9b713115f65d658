using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// setlock's lock: the file opened for appending (created 0600), then an exclusive flock, waiting
/// for it or not. The lock lasts as long as some process holds the descriptor open.
/// </summary>
public sealed class LockFile : IDisposable
{
    private LockFile(string path, int descriptor)
    {
        Path = path;
        Descriptor = descriptor;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The locked descriptor (inherited across exec when acquired inheritable).</summary>
    public int Descriptor { get; private set; }

    /// <summary>Opens and locks <paramref name="path"/>; throws <see cref="LockFileException"/>.</summary>
    public static LockFile Acquire(string path, bool wait, bool inheritable = true)
    {
        int fd = LockFileCalls.OpenAppend(path, out int errno, inheritable);
        if (fd < 0) throw new LockFileException(path, opening: true, errno);
        if (!FileLock.TryLock(fd, wait, out errno))
        {
            Interop.Descriptor.Close(fd);
            throw new LockFileException(path, opening: false, errno);
        }
        return new LockFile(path, fd);
    }

    /// <summary>Releases the lock by closing the descriptor.</summary>
    public void Dispose()
    {
        if (Descriptor < 0) return;
        Interop.Descriptor.Close(Descriptor);
        Descriptor = -1;
    }
}
