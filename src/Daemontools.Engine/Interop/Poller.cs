using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// poll(2) for readability over a handful of descriptors. Declared through ScanNative with
/// SetLastError: Tmds.LibC's poll does not capture errno, so an interrupted poll read as
/// "poll: Success" instead of EINTR.
/// </summary>
public static unsafe class Poller
{
    /// <summary>
    /// Waits until one of <paramref name="fds"/> is readable (or hung up), or <paramref name="timeoutMilliseconds"/>
    /// pass (-1 = forever). Sets <paramref name="ready"/>[i] for each ready descriptor. A failure (EINTR, ENOMEM)
    /// counts as a wake-up with none ready and returns errno (0 otherwise), so that a supervisor loop carries on.
    /// </summary>
    public static int WaitReadable(ReadOnlySpan<int> fds, Span<bool> ready, int timeoutMilliseconds)
    {
        ScanNative.PollFd* entries = stackalloc ScanNative.PollFd[fds.Length];
        for (int i = 0; i < fds.Length; i++) entries[i] = new ScanNative.PollFd { Fd = fds[i], Events = ScanNative.POLLIN };
        int r = ScanNative.poll(entries, (ulong)fds.Length, timeoutMilliseconds);
        int errno = r < 0 ? Marshal.GetLastPInvokeError() : 0;
        for (int i = 0; i < fds.Length; i++) ready[i] = r > 0 && entries[i].Returned != 0;
        return errno;
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1 = forever) for any of <paramref name="fds"/> (negative ones are ignored by poll) to become readable; a signal counts as a wake-up.</summary>
    public static void WaitReadable(ReadOnlySpan<int> fds, int timeoutMilliseconds)
    {
        Span<bool> ready = stackalloc bool[fds.Length];
        int errno = WaitReadable(fds, ready, timeoutMilliseconds);
        if (errno is not (0 or Errno.EINTR)) throw new UnixException(errno, "poll");
    }
}
