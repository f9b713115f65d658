using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

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
    private readonly Descriptor _fd;
    private readonly PausingRetry _retry;
    private readonly byte[] _line = new byte[Length];
    private bool _dirty;

    private StatusFile(string name, Descriptor fd, PausingRetry retry)
    {
        _name = name;
        _fd = fd;
        _retry = retry;
    }

    /// <summary>f_init: created with open_append (0600), then reopened write-only.</summary>
    public static StatusFile Open(string name, string startDirectory, PausingRetry retry)
    {
        string path = name.StartsWith('/') ? name : startDirectory.TrimEnd('/') + "/" + name;
        Errno errno = FileSystem.OpenAppend(path, out Descriptor fd);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.CreateStatusFile, name, errno);
        fd.Close();
        errno = FileSystem.OpenWrite(path, out fd);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.OpenStatusFile, name, errno);
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
        while (true)
        {
            Errno errno = _fd.WriteAt(_line, 0, out int written);
            if (written == Length) break;
            _retry.Warn(LogWarningKind.WriteStatusFile, _name, null, errno);
        }
        _dirty = false;
    }

    public void Dispose() => _fd.Close();
}
