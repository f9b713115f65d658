using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Logging;

/// <summary>
/// An '=' status file: the last selected line, padded with newlines to exactly 1001 bytes and
/// written over the start of the file. 0.76 rewrites it for every selected line; we write the
/// last one before each read of input, which leaves the same bytes on disk.
/// </summary>
internal sealed class StatusFile : IDisposable
{
    public const int Length = 1001;

    private readonly string _name;
    private readonly int _fd;
    private readonly PausingRetry _retry;
    private readonly byte[] _line = new byte[Length];
    private bool _dirty;

    private StatusFile(string name, int fd, PausingRetry retry)
    {
        _name = name;
        _fd = fd;
        _retry = retry;
    }

    /// <summary>f_init: created with open_append (0600), then reopened write-only.</summary>
    public static StatusFile Open(string name, string startDirectory, PausingRetry retry)
    {
        string path = name.StartsWith('/') ? name : startDirectory.TrimEnd('/') + "/" + name;
        int fd = FileSystemCalls.OpenAppend(path, out int errno);
        if (fd < 0) throw new MultilogException($"unable to create {name}", errno);
        Descriptor.Close(fd);
        fd = FileSystemCalls.OpenWrite(path, out errno);
        if (fd < 0) throw new MultilogException($"unable to write {name}", errno);
        return new StatusFile(name, fd, retry);
    }

    /// <summary>Remembers a selected line head (at most 1000 bytes).</summary>
    public void Set(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        prefix.CopyTo(_line);
        body.CopyTo(_line.AsSpan(prefix.Length));
        _line.AsSpan(prefix.Length + body.Length).Fill((byte)'\n');
        _dirty = true;
    }

    /// <summary>Writes the remembered line, if any, over the start of the file.</summary>
    public void Write()
    {
        if (!_dirty) return;
        while (FileSystemCalls.WriteAt(_fd, _line, 0, out int errno) != Length)
        {
            _retry.Warn($"unable to write {_name}, pausing", errno);
        }
        _dirty = false;
    }

    public void Dispose() => Descriptor.Close(_fd);
}
