using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>poll(2) for readability over a handful of descriptors; an interrupted poll reads as EINTR.</summary>
internal static unsafe partial class Poll
{
    /// <summary>struct pollfd; the kernel fills in Returned.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
#pragma warning disable CS0649 // written by poll(2)
        public short Returned;
#pragma warning restore CS0649
    }

    /// <summary>
    /// Waits until one of <paramref name="fds"/> is readable (or hung up), or <paramref name="timeoutMilliseconds"/>
    /// pass (-1 = forever); sets <paramref name="ready"/>[i] for each ready one. A failure (EINTR, ENOMEM)
    /// counts as a wake-up with none ready, so a supervisor loop carries on. Invalid descriptors are ignored.
    /// </summary>
    public static Errno WaitReadable(ReadOnlySpan<Descriptor> fds, Span<bool> ready, int timeoutMilliseconds)
    {
        PollFd* entries = stackalloc PollFd[fds.Length];
        for (int i = 0; i < fds.Length; i++) entries[i] = new PollFd { Fd = fds[i].Number, Events = Linux.POLLIN };
        int r = poll(entries, (nuint)fds.Length, timeoutMilliseconds);
        Errno errno = r < 0 ? LastError.Value : Errno.None;
        for (int i = 0; i < fds.Length; i++) ready[i] = r > 0 && entries[i].Returned != 0;
        return errno;
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for any of <paramref name="fds"/>; a signal counts as a wake-up. Throws when poll itself fails.</summary>
    public static void WaitReadable(ReadOnlySpan<Descriptor> fds, int timeoutMilliseconds)
    {
        Span<bool> ready = stackalloc bool[fds.Length];
        Errno errno = WaitReadable(fds, ready, timeoutMilliseconds);
        if (errno is not (Errno.None or Errno.EINTR)) throw new SystemCallException(SystemCall.Poll, errno);
    }

    /// <summary>Sleeps <paramref name="milliseconds"/> (poll on nothing; a signal ends it early).</summary>
    public static void Sleep(int milliseconds) => WaitReadable([], milliseconds);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int poll(PollFd* fds, nuint count, int timeout);
}
