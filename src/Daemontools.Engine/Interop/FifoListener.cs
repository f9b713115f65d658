namespace Daemontools.Engine.Interop;

/// <summary>A listener's pipe in a fifodir (see <see cref="FifoDirectory.Listen"/>); disposing it unsubscribes.</summary>
internal sealed class FifoListener : IDisposable
{
    private readonly string _path;
    private Descriptor _read;
    private Descriptor _write;

    internal FifoListener(string path, Descriptor read, Descriptor write)
    {
        _path = path;
        _read = read;
        _write = write;
    }

    /// <summary>The read end, non-blocking, for poll: readable once an event has arrived.</summary>
    public Descriptor Descriptor => _read;

    /// <summary>Reads and discards the events that arrived; true when there were any.</summary>
    public bool Drain() => _read.Drain();

    public void Dispose()
    {
        if (!_read.IsValid) return;
        FileSystem.Unlink(_path);
        _read.Close();
        _write.Close();
        _read = _write = Descriptor.None;
    }
}
