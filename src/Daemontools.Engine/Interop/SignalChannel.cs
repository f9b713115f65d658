using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Signals taken from a descriptor (signalfd) instead of caught by a handler: the loop that polls
/// it handles them between its own steps, with no handler thread and nothing allocated per
/// signal. They must be blocked in every thread of the process, or the kernel delivers them to a
/// thread that does not block them (svscan blocks its signals before the runtime starts a thread,
/// in Native/prestart.c); opening the channel blocks them in the calling thread.
/// </summary>
internal sealed unsafe partial class SignalChannel : IDisposable
{
    private SignalChannel(Descriptor descriptor) => Descriptor = descriptor;

    /// <summary>The signalfd, readable while a signal is pending.</summary>
    public Descriptor Descriptor { get; private set; }

    /// <summary>Blocks <paramref name="signals"/> in this thread and opens a channel for them (non-blocking, close-on-exec).</summary>
    public static Errno Open(ReadOnlySpan<Signal> signals, out SignalChannel? channel)
    {
        byte* set = stackalloc byte[Linux.SigSetSize];
        Signals.EmptySet(set);
        foreach (Signal signal in signals) Signals.AddToSet(set, signal);
        Signals.Block(signals);
        int fd = signalfd(-1, set, Linux.SFD_NONBLOCK | Linux.SFD_CLOEXEC);
        channel = fd >= 0 ? new SignalChannel(new Descriptor(fd)) : null;
        return fd >= 0 ? Errno.None : LastError.Value;
    }

    /// <summary>Takes one pending signal; false when none is pending.</summary>
    public bool TryTake(out Signal signal)
    {
        byte* info = stackalloc byte[Linux.SignalInfoSize];
        if (Descriptor.Read(new Span<byte>(info, Linux.SignalInfoSize), out int n) != Errno.None || n < Linux.SignalInfoSize)
        {
            signal = default;
            return false;
        }
        signal = (Signal)(*(uint*)info);
        return true;
    }

    public void Dispose()
    {
        if (!Descriptor.IsValid) return;
        Descriptor.Close();
        Descriptor = Descriptor.None;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int signalfd(int fd, void* mask, int flags);
}
