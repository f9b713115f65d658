using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Reads a directory's names in readdir order ("." and ".." included) with getdents64 into a
/// buffer it keeps, handing each name out as a span of that buffer: a pass over a directory
/// allocates nothing, however often it is made (svscan rescans every 5 seconds and on SIGHUP).
/// One pass at a time: <see cref="Open"/>, <see cref="Next"/> until false, then <see cref="Close"/>.
/// </summary>
internal sealed unsafe partial class DirectoryReader : IDisposable
{
    private const int BufferSize = 32 * 1024;

    // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), then the name and a NUL.
    private const int RecordLengthOffset = 16, NameOffset = 19;

    private readonly int _size;
    private byte* _buffer;
    private Descriptor _directory = Descriptor.None;
    private int _position, _length;
    private Errno _error;

    /// <summary>A reader with a buffer of <paramref name="bufferSize"/> bytes (a small directory needs little).</summary>
    public DirectoryReader(int bufferSize = BufferSize)
    {
        _size = bufferSize;
        _buffer = (byte*)NativeMemory.Alloc((nuint)bufferSize);
    }

    /// <summary>The open directory, for calls relative to it (e.g. stat of a name).</summary>
    public Descriptor Directory => _directory;

    /// <summary>Starts a pass over <paramref name="path"/>.</summary>
    public Errno Open(string path)
    {
        Close();
        _position = _length = 0;
        _error = Errno.None;
        return FileSystem.OpenDirectory(FileSystem.WorkingDirectory, path, out _directory);
    }

    /// <summary>The next name (valid until the next call), or false at the end or on an error (<see cref="Close"/> says which).</summary>
    public bool Next(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (_position >= _length)
        {
            if (!_directory.IsValid || _error != Errno.None) return false;
            long n;
            do n = getdents64(_directory.Number, _buffer, (nuint)_size);
            while (LastError.Interrupted((nint)n));
            if (n <= 0)
            {
                if (n < 0) _error = LastError.Value;
                return false;
            }
            _position = 0;
            _length = (int)n;
        }
        byte* record = _buffer + _position;
        _position += *(ushort*)(record + RecordLengthOffset);
        name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(record + NameOffset);
        return true;
    }

    /// <summary>Ends the pass: the error that ended it early, if any.</summary>
    public Errno Close()
    {
        if (_directory.IsValid) _directory.Close();
        _directory = Descriptor.None;
        return _error;
    }

    public void Dispose()
    {
        Close();
        NativeMemory.Free(_buffer);
        _buffer = null;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial long getdents64(int fd, void* buffer, nuint count);
}
