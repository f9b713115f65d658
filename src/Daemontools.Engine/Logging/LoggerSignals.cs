using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// TERM and ALRM for a logger process, taken from a signalfd that the pump polls beside its input
/// and acted on at a read boundary: TERM finishes the current line and ends, ALRM rotates. 0.76
/// blocks them from the start; here they are blocked before the runtime starts a thread
/// (Native/prestart.c), so one that arrives before the pump exists stays pending for it. No
/// handler thread and no thread pool: the logger's memory floor does not grow with the CPU count,
/// and nothing is allocated per signal. The stray signals a logger has no use for are ignored as
/// in every long-lived program here (see <see cref="CurrentProcess.IgnoreStraySignals"/>; 0.76
/// dies of HUP, USR1, PIPE, ..., losing the line in hand), an XFSZ among them (the write then
/// fails and is retried with a warning); a processor starts with every signal back at default and
/// an empty mask.
/// </summary>
public sealed class LoggerSignals : IDisposable
{
    private static readonly Signal[] Handled = [Signal.Terminate, Signal.Alarm];

    private readonly SignalChannel _channel;

    /// <summary>
    /// Starts taking TERM and ALRM, and ignoring the signals a logger has no use for. Throws
    /// <see cref="MultilogException"/> (<see cref="MultilogStep.CatchSignals"/>) when no signalfd
    /// can be opened (no descriptor left under softlimit -o 3).
    /// </summary>
    public LoggerSignals()
    {
        Errno errno = SignalChannel.Open(Handled, out SignalChannel? channel);
        if (channel is null) throw new MultilogException(MultilogStep.CatchSignals, null, errno);
        _channel = channel;
        CurrentProcess.IgnoreStraySignals(Signal.Alarm, Signal.Terminate);
    }

    /// <summary>From now on <paramref name="pump"/> takes the signals, starting with any that came before.</summary>
    public void Attach(LinePump pump) => pump.TakeSignalsFrom(this);

    /// <summary>Readable while a signal is pending.</summary>
    internal Descriptor Descriptor => _channel.Descriptor;

    /// <summary>Hands every pending signal to <paramref name="pump"/>.</summary>
    internal void Deliver(LinePump pump)
    {
        while (_channel.TryTake(out Signal signal)) pump.Take(signal);
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}
