using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A process we did not start (so cannot wait for), held through a pidfd: readable in poll once it
/// has ended, and able to hand us copies of its descriptors (pidfd_getfd, Linux 5.6+; the kernel
/// asks for the same permission as ptrace attach, so Yama or another owner can refuse with EPERM).
/// </summary>
internal readonly partial struct ForeignProcess
{
    private ForeignProcess(int pid, Descriptor pidfd)
    {
        Pid = pid;
        Handle = pidfd;
    }

    /// <summary>The process's pid.</summary>
    public int Pid { get; }

    /// <summary>The pidfd.</summary>
    public Descriptor Handle { get; }

    /// <summary>pidfd_open(2) (close-on-exec by default).</summary>
    public static Errno Open(int pid, out ForeignProcess process)
    {
        int fd = pidfd_open(pid, 0);
        process = new ForeignProcess(pid, new Descriptor(fd));
        return fd < 0 ? LastError.Value : Errno.None;
    }

    /// <summary>True once the process has ended (its pidfd polls readable).</summary>
    public bool HasEnded()
    {
        Span<bool> ready = stackalloc bool[1];
        return Poll.WaitReadable([Handle], ready, 0) == Errno.None && ready[0];
    }

    /// <summary>pidfd_getfd(2): our own close-on-exec copy of its descriptor <paramref name="number"/>, sharing the open file description.</summary>
    public Errno CopyDescriptor(int number, out Descriptor copy)
    {
        int fd = pidfd_getfd(Handle.Number, number, 0);
        copy = new Descriptor(fd);
        return fd < 0 ? LastError.Value : Errno.None;
    }

    /// <summary>Closes the pidfd.</summary>
    public void Close() => Handle.Close();

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int pidfd_open(int pid, uint flags);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int pidfd_getfd(int pidfd, int targetfd, uint flags);
}
