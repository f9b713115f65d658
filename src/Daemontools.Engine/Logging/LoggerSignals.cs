using System.Runtime.InteropServices;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// TERM and ALRM for a logger process, caught from the moment this is created (0.76 blocks them
/// from the start) and acted on at a read boundary: TERM finishes the current line and ends, ALRM
/// rotates. A signal that arrives before the pump exists is kept for it. The stray signals a
/// logger has no use for are ignored as in every long-lived program here (see
/// <see cref="CurrentProcess.IgnoreStraySignals"/>; 0.76 dies of HUP, USR1, PIPE, ..., losing the
/// line in hand), an XFSZ among them (the write then fails and is retried with a warning); a
/// processor starts with every signal back at default.
/// </summary>
public sealed class LoggerSignals : IDisposable
{
    private readonly object _gate = new();
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _alarm;
    private LinePump? _pump;
    private bool _exitPending, _rotationPending;

    /// <summary>
    /// Starts catching TERM and ALRM, and ignoring the signals a logger has no use for. Throws
    /// <see cref="MultilogException"/> (<see cref="MultilogStep.CatchSignals"/>) when the runtime cannot
    /// catch signals (it needs a pipe: none under softlimit -o 4).
    /// </summary>
    public LoggerSignals()
    {
        try
        {
            (_term, _alarm) = Register();
        }
        catch (Exception e) when (e is IOException or TypeInitializationException)
        {
            Exception cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
            // The runtime's IOException carries errno as its HResult.
            Errno errno = cause.HResult is > 0 and < 4096 ? (Errno)cause.HResult : Errno.EIO;
            throw new MultilogException(MultilogStep.CatchSignals, null, errno);
        }
        CurrentProcess.IgnoreStraySignals(Signal.Alarm, Signal.Terminate);
    }

    private (PosixSignalRegistration Term, PosixSignalRegistration Alarm) Register()
    {
        PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lock (_gate)
            {
                if (_pump is null) _exitPending = true;
                else _pump.RequestExit();
            }
        });
        PosixSignalRegistration alarm = PosixSignalRegistration.Create((PosixSignal)Signal.Alarm, context =>
        {
            context.Cancel = true;
            lock (_gate)
            {
                if (_pump is null) _rotationPending = true;
                else _pump.RequestRotation();
            }
        });
        return (term, alarm);
    }

    /// <summary>From now on the signals go to <paramref name="pump"/>, starting with any that came before.</summary>
    public void Attach(LinePump pump)
    {
        lock (_gate)
        {
            _pump = pump;
            if (_exitPending) pump.RequestExit();
            if (_rotationPending) pump.RequestRotation();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _term.Dispose();
        _alarm.Dispose();
    }
}
