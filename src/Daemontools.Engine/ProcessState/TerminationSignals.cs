using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// While alive, SIGTERM and SIGHUP to this process (docker stop, systemctl stop, kill, a closed
/// terminal) do not end it but set <see cref="Received"/>, like Ctrl+C stops a pipeline, so a
/// foreground cmdlet can bring down what it runs first. <see cref="Resend"/>, after disposal,
/// lets the signal then end the process as it would have.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly ManualResetEventSlim _received;
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _hangup;
    private int _signal;  // a Signal, 0 while none came (an int for Interlocked)

    /// <summary>Starts catching the signals; <paramref name="received"/> is set when one comes.</summary>
    public TerminationSignals(ManualResetEventSlim received)
    {
        _received = received;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    /// <summary>The first signal caught, or null while none came.</summary>
    public Signal? Received => _signal == 0 ? null : (Signal)_signal;

    /// <summary>Stops catching: from now on the signals have their usual effect.</summary>
    public void Dispose()
    {
        _terminate.Dispose();
        _hangup.Dispose();
    }

    /// <summary>Sends the caught signal again to this process, to end it as it would have been ended (call after <see cref="Dispose"/>).</summary>
    public void Resend()
    {
        if (Received is Signal signal) CurrentProcess.Raise(signal);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _signal, (int)(context.Signal == PosixSignal.SIGTERM ? Signal.Terminate : Signal.Hangup), 0);
        _received.Set();
    }
}
