using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>A pipe that becomes readable when a cancellation token is cancelled, so that poll can wait on the token too.</summary>
internal sealed class CancelSignal : IDisposable
{
    private PipePair _pipe;
    private CancellationTokenRegistration _registration;

    private CancelSignal(PipePair pipe) => _pipe = pipe;

    /// <summary>The read end (invalid when the token cannot be cancelled, or no pipe could be made).</summary>
    public Descriptor Descriptor => _pipe.Read;

    /// <summary>A signal for <paramref name="cancel"/>; without a pipe (no descriptor left) the wait still ends at its next wake.</summary>
    public static CancelSignal For(CancellationToken cancel)
    {
        if (!cancel.CanBeCanceled || Pipe.Create(out PipePair pipe, nonBlocking: true) != Unix.Errno.None)
        {
            return new CancelSignal(new PipePair(Descriptor.None, Descriptor.None));
        }
        var signal = new CancelSignal(pipe);
        signal._registration = cancel.Register(static state => ((CancelSignal)state!)._pipe.Write.Write("c"u8, out _), signal);
        return signal;
    }

    public void Dispose()
    {
        // Unregistering first waits for a callback under way, so it never writes into a closed (or reused) descriptor.
        _registration.Dispose();
        if (_pipe.Read.IsValid) _pipe.Close();
        _pipe = new PipePair(Descriptor.None, Descriptor.None);
    }
}
