using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>poll(2) for readability over a handful of descriptors.</summary>
public static unsafe class Poller
{
    /// <summary>
    /// Waits until one of <paramref name="fds"/> is readable (or hung up), or <paramref name="timeoutMilliseconds"/>
    /// pass (-1 = forever). Sets <paramref name="ready"/>[i] for each ready descriptor. A failure (EINTR, ENOMEM)
    /// counts as a wake-up with none ready and returns errno, so that a supervisor loop carries on.
    /// </summary>
    public static int WaitReadable(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMilliseconds)
    {
        pollfd* entries = stackalloc pollfd[fds.Length];
        for (int i = 0; i < fds.Length; i++)
        {
            entries[i].fd = fds[i];
            entries[i].events = 1; // POLLIN
            entries[i].revents = 0;
        }
        int r = LibC.poll(entries, (ulong_t)(ulong)fds.Length, timeoutMilliseconds);
        int errno = r < 0 ? Marshal.GetLastPInvokeError() : 0;
        for (int i = 0; i < fds.Length; i++) ready[i] = r > 0 && entries[i].revents != 0;
        return errno;
    }
}
