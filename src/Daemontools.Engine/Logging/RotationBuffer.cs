namespace Daemontools.Engine.Logging;

/// <summary>
/// Decides where current ends exactly as 0.76 would, while writing in big chunks.
/// 0.76 passes each directory's output through a 512-byte buffer that is flushed whenever it is
/// full and before every 1024-byte read of input, and each flushed chunk goes through c_write:
/// rotate first if current is full, never write past the size, within 2000 bytes of it write
/// only up to the chunk's last newline, and rotate after a write that ends with a newline there.
/// This class replays that bookkeeping on counts only (the "window"), keeps the bytes in a large
/// stage, and writes the stage out at each cut and before each read of input. Bytes are staged
/// only once the original would have handed them to its buffer, so the cuts land on the same
/// bytes; everything staged is written before more input is read.
/// </summary>
internal sealed class RotationBuffer
{
    private const int Window = 512;
    private const int Margin = 2000;
    private const int StageCapacity = 256 * 1024;

    private readonly LogDirectory _directory;
    private readonly long _size;
    private byte[] _stage = new byte[StageCapacity];
    private int _staged;      // bytes in _stage; _stage[0] sits at file offset _written
    private long _written;    // bytes of current already written
    private long _committed;  // bytes of current the original would have passed to write() (its d->bytes)
    private int _window;      // bytes in the original's 512-byte buffer (the stage's tail)
    private long _suppress;   // bytes still to leave out: a replayed transaction's output already in place

    public RotationBuffer(LogDirectory directory)
    {
        _directory = directory;
        _size = directory.Settings.Size;
        _written = _committed = directory.Bytes;
    }

    public LogDirectory Directory => _directory;

    /// <summary>Bytes in current, counting what is staged.</summary>
    public long Length => _committed + _window;

    /// <summary>Bytes of output still to be left out (<see cref="Suppress"/>).</summary>
    public long Suppressing => _suppress;

    /// <summary>
    /// Leaves out the next <paramref name="bytes"/> bytes put: when a transaction runs again
    /// after a crash, the part of its output that reached this directory before.
    /// </summary>
    public void Suppress(long bytes) => _suppress = bytes;

    /// <summary>buffer_put of a line head (at most 1000 bytes), given as prefix and body.</summary>
    public void Put(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        if (_suppress > 0 && Dropped(ref prefix) & Dropped(ref body)) return;
        int length = prefix.Length + body.Length;
        if (length > Window - _window)
        {
            Commit(_window);
            _window = 0;
            if (length > Window)
            {
                Stage(prefix);
                Stage(body);
                Commit(length);
                return;
            }
        }
        Stage(prefix);
        Stage(body);
        _window += length;
    }

    /// <summary>buffer_PUTC of each byte of <paramref name="run"/> (the tail of a long line).</summary>
    public void PutBytes(ReadOnlySpan<byte> run)
    {
        if (_suppress > 0 && Dropped(ref run)) return;
        while (!run.IsEmpty)
        {
            if (_window == Window)
            {
                Commit(Window);
                _window = 0;
            }
            int take = Math.Min(run.Length, Window - _window);
            Stage(run[..take]);
            _window += take;
            run = run[take..];
        }
    }

    /// <summary>buffer_PUTC of the line's newline.</summary>
    public void PutNewline()
    {
        if (_suppress > 0)
        {
            _suppress--;
            return;
        }
        if (_window == Window)
        {
            Commit(Window);
            _window = 0;
        }
        if (_staged == _stage.Length) Drain();
        _stage[_staged++] = (byte)'\n';
        _window++;
    }

    /// <summary>The flush 0.76 does before each 1024-byte read: the window goes through c_write.</summary>
    public void FlushWindow()
    {
        if (_window == 0) return;
        Commit(_window);
        _window = 0;
    }

    /// <summary>Flushes the window and writes everything staged to current.</summary>
    public void WriteOut()
    {
        FlushWindow();
        Drain();
    }

    /// <summary>The ALRM (and age) rotation: after <see cref="WriteOut"/>, rotate if current is not empty.</summary>
    public void RotateIfNotEmpty()
    {
        WriteOut();
        if (_committed > 0) Rotate();
    }

    /// <summary>Writes everything out and closes current as complete.</summary>
    public void Close()
    {
        WriteOut();
        _directory.Close();
    }

    /// <summary>Takes what is to be left out off the front of <paramref name="data"/>; true when nothing is left.</summary>
    private bool Dropped(ref ReadOnlySpan<byte> data)
    {
        int drop = (int)Math.Min(_suppress, data.Length);
        _suppress -= drop;
        data = data[drop..];
        return data.IsEmpty;
    }

    private void Stage(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_staged + data.Length > _stage.Length)
        {
            Drain();
            if (_staged + data.Length > _stage.Length) Array.Resize(ref _stage, _staged + data.Length);
        }
        data.CopyTo(_stage.AsSpan(_staged));
        _staged += data.Length;
    }

    /// <summary>Writes the committed part of the stage (never the window: its cuts are not decided yet).</summary>
    private void Drain()
    {
        int ready = (int)(_committed - _written);
        if (ready <= 0) return;
        _directory.Append(_stage.AsSpan(0, ready));
        _written = _committed;
        _staged -= ready;
        if (_staged > 0) _stage.AsSpan(ready, _staged).CopyTo(_stage);
    }

    /// <summary>allwrite(c_write) over the next <paramref name="length"/> staged bytes.</summary>
    private void Commit(int length)
    {
        while (length > 0)
        {
            if (_committed >= _size) Rotate();
            long n = Math.Min(length, _size - _committed);
            if (_committed + n >= _size - Margin)
            {
                int start = (int)(_committed - _written);
                int newline = _stage.AsSpan(start, (int)n).LastIndexOf((byte)'\n');
                if (newline >= 0) n = newline + 1;
            }
            _committed += n;
            length -= (int)n;
            if (_committed >= _size - Margin && _stage[(int)(_committed - _written) - 1] == (byte)'\n') Rotate();
        }
    }

    private void Rotate()
    {
        Drain();
        _directory.Rotate();
        _written = _committed = 0;
    }
}
