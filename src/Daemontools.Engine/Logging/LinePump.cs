using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Feeds a <see cref="Multilog"/> from a descriptor (multilog's stdin) and writes everything
/// selected to the kernel before taking more. When stdin is a pipe and the logger keeps an
/// <see cref="InputJournal"/>, input leaves the pipe only by splice(2) into the journal and is
/// then logged in transactions, so a kill -9 at any moment neither loses nor repeats a line: the
/// restarted logger (under supervise, reading svscan's persistent pipe) finishes the interrupted
/// transaction from the journal and takes the rest from the pipe. Otherwise input is read and
/// logged as 0.76 does. <see cref="RequestExit"/> (TERM) finishes the current line and ends;
/// <see cref="RequestRotation"/> (ALRM) rotates between transactions. Both may be called from any thread.
/// </summary>
public sealed class LinePump : IDisposable
{
    /// <summary>Big enough to empty a default 64 KiB pipe in one step even with a line carried over.</summary>
    public const int BufferSize = 128 * 1024;

    /// <summary>Without a wake-up descriptor (none left under a low softlimit -o), signals are noticed within this.</summary>
    private const int TickMilliseconds = 250;

    private readonly Multilog _log;
    private readonly Descriptor _input;
    private readonly int _stepSize;
    private readonly PipePair _wake = new(Descriptor.None, Descriptor.None);
    private readonly bool _aging;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly byte[] _scratch = new byte[64];
    private volatile bool _exitRequested;
    private volatile bool _rotationRequested;
    private LoggerSignals? _signals;

    /// <summary>Creates a pump reading <paramref name="input"/> into <paramref name="log"/>.</summary>
    public LinePump(Multilog log, StandardStream input)
        : this(log, input.Descriptor, BufferSize)
    {
    }

    /// <summary>A pump that takes at most <paramref name="stepSize"/> bytes of input per step (tests make it small to get many steps).</summary>
    internal LinePump(Multilog log, Descriptor input, int stepSize)
    {
        _log = log;
        _input = input;
        _stepSize = Math.Clamp(stepSize, 1, BufferSize);
        _aging = log.Directories.Any(d => d.Settings.MaxAge is not null);
        // A rotation opens a file or the directory for a moment: under a tight softlimit -o the
        // journal's descriptor is worth less than that one.
        if (log.Journal is not null && !OneToSpare(input)) log.GiveUpJournal(Errno.EMFILE);
        // Without one (no descriptors left) the pump polls with a tick instead.
        if (Pipe.Create(out PipePair wake, nonBlocking: true) == Errno.None) _wake = wake;
    }

    /// <summary>TERM: stop at the end of the current line.</summary>
    public void RequestExit()
    {
        _exitRequested = true;
        Wake();
    }

    /// <summary>ALRM: rotate every non-empty current at the next step boundary.</summary>
    public void RequestRotation()
    {
        _rotationRequested = true;
        Wake();
    }

    /// <summary>Polls <paramref name="signals"/> beside the input from now on (see <see cref="LoggerSignals.Attach"/>).</summary>
    internal void TakeSignalsFrom(LoggerSignals signals) => _signals = signals;

    /// <summary>A signal taken from <see cref="LoggerSignals"/>: the pump is awake already, so only the request is noted.</summary>
    internal void Take(Signal signal)
    {
        if (signal == Signal.Terminate) _exitRequested = true;
        else if (signal == Signal.Alarm) _rotationRequested = true;
    }

    /// <summary>Runs until end of input (a read error counts as end of input, as in 0.76) or an exit request; then completes the log.</summary>
    public void Run() => Finish(Pump());

    /// <summary>The steady state: takes and logs input until its end (true) or an exit request (false). Allocates nothing.</summary>
    internal bool Pump()
    {
        bool endOfInput = false;
        Span<bool> ready = stackalloc bool[3];
        while (true)
        {
            InputJournal? journal = _log.Journal;
            if (journal is not null && journal.Unprocessed > 0)
            {
                _log.LogJournaled(journal.Pending(BufferSize));
                continue;
            }
            if (_rotationRequested)
            {
                _rotationRequested = false;
                _log.RotateNonEmpty();
            }
            TimeSpan? nextAged = _aging ? _log.RotateAged(DateTimeOffset.UtcNow) : null;
            if (_exitRequested && _log.AtLineBoundary) break;

            int timeout = nextAged is TimeSpan t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 0, int.MaxValue) : -1;
            if (!_wake.Read.IsValid && (timeout < 0 || timeout > TickMilliseconds)) timeout = TickMilliseconds;
            Poll.WaitReadable([_input, _wake.Read, _signals?.Descriptor ?? Descriptor.None], ready, timeout);
            if (ready[1]) _wake.Read.Read(_scratch, out _);
            if (ready[2])
            {
                _signals!.Deliver(this);
                continue; // back to the top, where TERM and ALRM are acted on
            }
            if (!ready[0]) continue;

            // After TERM, take a byte at a time so stdin is left at a line boundary.
            int want = _exitRequested ? 1 : _stepSize;
            if (journal is not null)
            {
                int n = journal.Capture(_input, want);
                if (n == -2) _log.DropJournal(); // not a pipe after all, or a file system without splice: read plainly
                if (n != 0) continue; // what was taken is logged at the top of the loop
            }
            else
            {
                Errno errno = _input.Read(_buffer.AsSpan(0, want), out int n);
                if (errno == Errno.EAGAIN) continue;
                if (errno == Errno.None && n > 0)
                {
                    _log.Write(_buffer.AsSpan(0, n));
                    _log.Flush();
                    continue;
                }
            }
            endOfInput = true;
            break;
        }
        return endOfInput;
    }

    /// <summary>After <see cref="Pump"/>: the unfinished line ends, current is closed complete, the journal goes.</summary>
    internal void Finish(bool endOfInput)
    {
        if (endOfInput && _log.Journal is not null) _log.LogJournaled([], endOfInput: true);
        _log.Complete();
        // Everything taken is logged and nothing is carried: a clean exit leaves the directory as 0.76 would.
        _log.DropJournal();
    }

    private static bool OneToSpare(Descriptor any)
    {
        var spare = new Descriptor(any.Control(Linux.F_DUPFD_CLOEXEC, 0));
        if (!spare.IsValid) return false;
        spare.Close();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_wake.Read.IsValid) _wake.Close();
    }

    private void Wake()
    {
        if (_wake.Write.IsValid) _wake.Write.Write([1], out _);
    }
}
