using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Feeds a <see cref="Multilog"/> from a descriptor (multilog's stdin) in large reads, writing
/// everything selected to the kernel before each read, so a kill -9 loses at most an unfinished
/// line. <see cref="RequestExit"/> (TERM) finishes the current line and ends; <see cref="RequestRotation"/>
/// (ALRM) rotates at the next read boundary. Both may be called from any thread.
/// </summary>
public sealed class LinePump : IDisposable
{
    /// <summary>Big enough to empty a default 64 KiB pipe in one read even with a line carried over.</summary>
    public const int BufferSize = 128 * 1024;

    private readonly Multilog _log;
    private readonly int _input;
    private readonly int _wakeRead;
    private readonly int _wakeWrite;
    private volatile bool _exitRequested;
    private volatile bool _rotationRequested;

    /// <summary>Creates a pump reading <paramref name="input"/> into <paramref name="log"/>.</summary>
    public LinePump(Multilog log, int input)
    {
        _log = log;
        _input = input;
        (_wakeRead, _wakeWrite) = FileSystemCalls.WakePipe();
    }

    /// <summary>TERM: stop at the end of the current line.</summary>
    public void RequestExit()
    {
        _exitRequested = true;
        Wake();
    }

    /// <summary>ALRM: rotate every non-empty current at the next read boundary.</summary>
    public void RequestRotation()
    {
        _rotationRequested = true;
        Wake();
    }

    /// <summary>Runs until end of input (a read error counts as end of input, as in 0.76) or an exit request; then completes the log.</summary>
    public void Run()
    {
        byte[] buffer = new byte[BufferSize];
        TimeSpan? nextAged = _log.RotateAged(DateTimeOffset.UtcNow);
        while (true)
        {
            _log.Flush();
            if (_rotationRequested)
            {
                _rotationRequested = false;
                _log.RotateNonEmpty();
            }
            if (nextAged is not null) nextAged = _log.RotateAged(DateTimeOffset.UtcNow);
            if (_exitRequested && _log.AtLineBoundary) break;

            int timeout = nextAged is TimeSpan t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 0, int.MaxValue) : -1;
            (bool inputReady, bool woken) = FileSystemCalls.Poll(_input, _wakeRead, timeout);
            if (woken) Descriptor.TryRead(_wakeRead, buffer.AsSpan(0, 64), out _);
            if (!inputReady) continue;

            // After TERM, read a byte at a time so stdin is left at a line boundary.
            int want = _exitRequested ? 1 : buffer.Length;
            int n = Descriptor.TryRead(_input, buffer.AsSpan(0, want), out int errno);
            if (n < 0 && errno == Errno.EAGAIN) continue;
            if (n <= 0) break;
            _log.Write(buffer.AsSpan(0, n));
        }
        _log.Complete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Descriptor.Close(_wakeRead);
        Descriptor.Close(_wakeWrite);
    }

    private void Wake()
    {
        ReadOnlySpan<byte> one = [1];
        FileSystemCalls.Write(_wakeWrite, one, out _);
    }
}
