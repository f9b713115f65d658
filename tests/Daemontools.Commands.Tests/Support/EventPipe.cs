using System.Runtime.InteropServices;
using System.Text;

namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// A listener's pipe made by hand in a fifodir (s6's servicedir/event, our supervise/event), to read
/// the event letters supervise writes to it. Dispose closes and unlinks it.
/// </summary>
public sealed partial class EventPipe : IDisposable
{
    private const int ReadWriteNonBlocking = 0x2 | 0x800, CloseOnExec = 0x80000;
    private readonly string _path;
    private readonly StringBuilder _letters = new();
    private int _fd;

    /// <summary>Makes the pipe at <paramref name="path"/> and holds it open both ways (so supervise finds a reader).</summary>
    public EventPipe(string path)
    {
        _path = path;
        Assert.Equal(0, MakeFifo(path, 0x180));
        _fd = Open(path, ReadWriteNonBlocking | CloseOnExec);
        Assert.True(_fd >= 0, $"cannot open {path}");
    }

    /// <summary>Every letter received so far.</summary>
    public string Letters
    {
        get
        {
            byte[] buffer = new byte[256];
            nint n;
            while ((n = Read(_fd, buffer, buffer.Length)) > 0) _letters.Append(Encoding.ASCII.GetString(buffer, 0, (int)n));
            return _letters.ToString();
        }
    }

    /// <summary>Waits until <paramref name="count"/> letters have arrived and returns them.</summary>
    public string Await(int count)
    {
        Eventually.True(() => Letters.Length >= count, $"{count} event letters in {_path} (have '{_letters}')");
        return Letters;
    }

    public void Dispose()
    {
        if (_fd < 0) return;
        Close(_fd);
        _fd = -1;
        File.Delete(_path);
    }

    [LibraryImport("libc.so.6", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc.so.6", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "read")]
    private static partial nint Read(int fd, byte[] buffer, nint count);

    [LibraryImport("libc.so.6", EntryPoint = "close")]
    private static partial int Close(int fd);
}
