using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// How many bytes wait unread in the pipe a process reads on a descriptor: the pipe is opened anew
/// through /proc/PID/fd/N (read-only, non-blocking, never read from) and asked with FIONREAD.
/// </summary>
internal static partial class PipeBacklog
{
    private const int Fionread = 0x541B;

    /// <summary>The unread bytes, or null when the descriptor cannot be opened (process gone, not permitted) or asked.</summary>
    public static unsafe int? Of(int pid, int fd)
    {
        int pipe = FileSystem.Open($"/proc/{pid}/fd/{fd}", FileSystem.ReadOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out _);
        if (pipe < 0) return null;
        try
        {
            int pending;
            return ioctl(pipe, Fionread, &pending) == 0 ? pending : null;
        }
        finally
        {
            Descriptor.Close(pipe);
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int ioctl(int fd, nuint request, int* value);
}
