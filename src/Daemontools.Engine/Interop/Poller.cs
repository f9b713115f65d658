using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>poll(2) for readability over a handful of descriptors.</summary>
public static unsafe class Poller
{
    /// <summary>
    /// Waits until one of <paramref name="fds"/> is readable (or hung up), or <paramref name="timeoutMilliseconds"/>
    /// pass (-1 = forever). Sets <paramref name="ready"/>[i] for each ready descriptor; EINTR counts as a wake-up with none ready.
    /// </summary>
    public static void WaitReadable(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMilliseconds)
    {
        pollfd* entries = stackalloc pollfd[fds.Length];
        for (int i = 0; i < fds.Length; i++)
        {
            entries[i].fd = fds[i];
            entries[i].events = 1; // POLLIN
            entries[i].revents = 0;
        }
        int r = LibC.poll(entries, (ulong_t)(ulong)fds.Length, timeoutMilliseconds);
        if (r < 0 && Marshal.GetLastPInvokeError() != Errno.EINTR) throw UnixException.FromLastError("poll");
        for (int i = 0; i < fds.Length; i++) ready[i] = r > 0 && entries[i].revents != 0;
    }
}
