using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// TERM and ALRM for a logger process, caught from the moment this is created (0.76 blocks them
/// from the start) and acted on at a read boundary: TERM finishes the current line and ends, ALRM
/// rotates. A signal that arrives before the pump exists is kept for it.
/// </summary>
public sealed class LoggerSignals : IDisposable
{
    private readonly object _gate = new();
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _alarm;
    private LinePump? _pump;
    private bool _exitPending, _rotationPending;

    /// <summary>Starts catching TERM and ALRM.</summary>
    public LoggerSignals()
    {
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lock (_gate)
            {
                if (_pump is null) _exitPending = true;
                else _pump.RequestExit();
            }
        });
        _alarm = PosixSignalRegistration.Create((PosixSignal)Signal.Alarm, context =>
        {
            context.Cancel = true;
            lock (_gate)
            {
                if (_pump is null) _rotationPending = true;
                else _pump.RequestRotation();
            }
        });
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
