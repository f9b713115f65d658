using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A pipe whose two ends are close-on-exec (a child gets an end only through an explicit dup2),
/// unless made inheritable (fghack's child inherits its ends the way a C program's would).
/// </summary>
public readonly record struct PipePair(int Read, int Write)
{
    /// <summary>pipe2(O_CLOEXEC [| O_NONBLOCK]), or without O_CLOEXEC when inheritable; false with errno on failure.</summary>
    public static unsafe bool TryCreate(out PipePair pipe, out int errno, bool nonBlocking = false, bool inheritable = false)
    {
        int* fds = stackalloc int[2];
        int flags = (inheritable ? 0 : LibC.O_CLOEXEC) | (nonBlocking ? LibC.O_NONBLOCK : 0);
        if (LibC.pipe2(fds, flags) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            pipe = default;
            return false;
        }
        pipe = new PipePair(fds[0], fds[1]);
        errno = 0;
        return true;
    }

    /// <summary>Closes both ends.</summary>
    public void Close()
    {
        Descriptor.Close(Read);
        Descriptor.Close(Write);
    }
}
