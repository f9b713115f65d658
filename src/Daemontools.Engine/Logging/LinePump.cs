using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Feeds a <see cref="Multilog"/> from a descriptor (multilog's stdin) in large reads and writes
/// everything selected to the kernel before reading more. When stdin is a pipe it goes further:
/// it copies the pipe's bytes with tee(2), logs and writes them, and only then takes them out
/// of the pipe, so a kill -9 at any moment loses nothing (the restarted logger, e.g. under
/// supervise with svscan's persistent pipe, finds them still there). The cost of the instant
/// between the write and the take is that a kill landing exactly there repeats those lines.
/// <see cref="RequestExit"/> (TERM) finishes the current line and ends; <see cref="RequestRotation"/>
/// (ALRM) rotates at the next read boundary. Both may be called from any thread.
/// </summary>
public sealed class LinePump : IDisposable
{
    /// <summary>Big enough to empty a default 64 KiB pipe in one read even with a line carried over.</summary>
    public const int BufferSize = 128 * 1024;

    private readonly Multilog _log;
    private readonly Descriptor _input;
    private readonly PipePair _wake;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly byte[] _scratch = new byte[4096];
    private PipePair _peek = new(Descriptor.None, Descriptor.None);
    private int _held;        // bytes at the head of the input pipe that were logged but are still in it
    private int _consumable;  // of those, the ones whose lines are complete: taken out after the next flush
    private volatile bool _exitRequested;
    private volatile bool _rotationRequested;

    /// <summary>Creates a pump reading <paramref name="input"/> into <paramref name="log"/>. Throws <see cref="SystemCallException"/> when its pipes cannot be made.</summary>
    public LinePump(Multilog log, StandardStream input)
    {
        _log = log;
        _input = input.Descriptor;
        Errno errno = Pipe.Create(out _wake, nonBlocking: true);
        if (errno != Errno.None) throw new SystemCallException(SystemCall.CreatePipe, errno);
        if (Pipe.IsPipe(_input))
        {
            errno = Pipe.Create(out _peek);
            if (errno != Errno.None)
            {
                _wake.Close();
                throw new SystemCallException(SystemCall.CreatePipe, errno);
            }
            int capacity = Math.Min(Pipe.Capacity(_input), BufferSize);
            if (capacity > 0) Pipe.SetCapacity(_peek.Write, capacity);
        }
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
        bool aging = _log.Directories.Any(d => d.Settings.MaxAge is not null);
        Span<bool> ready = stackalloc bool[2];
        while (true)
        {
            _log.Flush();
            if (_consumable > 0)
            {
                // Written: now the lines may leave the pipe.
                Take(_consumable);
                _held -= _consumable;
                _consumable = 0;
            }
            if (_rotationRequested)
            {
                _rotationRequested = false;
                _log.RotateNonEmpty();
            }
            TimeSpan? nextAged = aging ? _log.RotateAged(DateTimeOffset.UtcNow) : null;
            if (_exitRequested && _log.AtLineBoundary) break;

            int timeout = nextAged is TimeSpan t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 0, int.MaxValue) : -1;
            Poll.WaitReadable([_input, _wake.Read], ready, timeout);
            if (ready[1]) _wake.Read.Read(_scratch, out _);
            if (!ready[0]) continue;

            int n = _peek.Read.IsValid && !_exitRequested ? Peek() : ReadPlain();
            if (n < 0) continue;
            if (n == 0) break;
        }
        _log.Complete();
    }

    /// <summary>One round through tee: returns the new bytes logged, 0 at end of input, -1 for "nothing new yet".</summary>
    private int Peek()
    {
        Errno errno = Pipe.Peek(_input, _peek.Write, _buffer.Length, out int n);
        if (errno != Errno.None)
        {
            if (errno == Errno.EAGAIN) return -1;
            StopPeeking(); // EINVAL and friends: read plainly from now on
            return -1;
        }
        if (n == 0) return 0;
        int got = 0;
        while (got < n)
        {
            errno = _peek.Read.Read(_buffer.AsSpan(got, n - got), out int copied);
            if (errno != Errno.None) throw new SystemCallException(SystemCall.Read, errno);
            got += copied;
        }
        if (n == _held)
        {
            // Only the unfinished line we already hold: the writer paused mid-line. Take it out
            // (0.76 holds it in memory too) so poll waits for new bytes instead of spinning.
            StopHolding();
            return -1;
        }
        _log.Write(_buffer.AsSpan(_held, n - _held));
        int unfinished = _log.UnfinishedInputLength;
        _consumable = n - unfinished;
        _held = n;
        return n;
    }

    private int ReadPlain()
    {
        StopHolding();
        // After TERM, read a byte at a time so stdin is left at a line boundary.
        int want = _exitRequested ? 1 : _buffer.Length;
        Errno errno = _input.Read(_buffer.AsSpan(0, want), out int n);
        if (errno == Errno.EAGAIN) return -1;
        if (errno != Errno.None || n == 0) return 0;
        _log.Write(_buffer.AsSpan(0, n));
        return n;
    }

    private void StopHolding()
    {
        if (_held > 0) Take(_held);
        _held = 0;
        _consumable = 0;
    }

    private void StopPeeking()
    {
        StopHolding();
        _peek.Close();
        _peek = new PipePair(Descriptor.None, Descriptor.None);
    }

    /// <summary>Takes <paramref name="count"/> bytes (already logged) out of the input pipe.</summary>
    private void Take(int count)
    {
        while (count > 0)
        {
            if (_input.Read(_buffer.AsSpan(0, Math.Min(count, _buffer.Length)), out int n) != Errno.None || n == 0) return;
            count -= n;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _wake.Close();
        if (_peek.Read.IsValid) _peek.Close();
    }

    private void Wake()
    {
        _wake.Write.Write([1], out _);
    }
}
