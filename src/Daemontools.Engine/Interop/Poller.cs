using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>poll(2) for readability on a few descriptors.</summary>
public static unsafe class Poller
{
    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1 = forever) for any of <paramref name="fds"/> (negative ones ignored) to become readable; a signal counts as a wake-up.</summary>
    public static void WaitReadable(ReadOnlySpan<int> fds, int timeoutMilliseconds)
    {
        ScanNative.PollFd* set = stackalloc ScanNative.PollFd[fds.Length];
        int count = 0;
        foreach (int fd in fds)
        {
            if (fd < 0) continue;
            set[count++] = new ScanNative.PollFd { Fd = fd, Events = ScanNative.POLLIN };
        }
        if (ScanNative.poll(set, (ulong)count, timeoutMilliseconds) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new UnixException(errno, "poll");
        }
    }
}
