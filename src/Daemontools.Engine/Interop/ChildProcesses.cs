using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Reaping and watching children we started ourselves. Never mix with System.Diagnostics.Process
/// in one process: the runtime reaps its own children and fails fast when someone else does.
/// </summary>
public static unsafe class ChildProcesses
{
    /// <summary>waitpid(pid, WNOHANG): true and the status when the child has ended.</summary>
    public static bool TryReap(int pid, out WaitStatus status)
    {
        int raw;
        while (true)
        {
            int r = LibCNative.waitpid(pid, &raw, LibCNative.WNOHANG);
            if (r > 0)
            {
                status = new WaitStatus(raw);
                return true;
            }
            if (r == 0 || Marshal.GetLastPInvokeError() != Errno.EINTR)
            {
                status = default;
                return false;
            }
        }
    }

    /// <summary>waitpid(-1, WNOHANG): the pid of any ended child and its status, or 0 when none has ended (or there are no children).</summary>
    public static int ReapAny(out WaitStatus status)
    {
        int raw;
        while (true)
        {
            int r = LibCNative.waitpid(-1, &raw, LibCNative.WNOHANG);
            if (r > 0)
            {
                status = new WaitStatus(raw);
                return r;
            }
            if (r == 0 || Marshal.GetLastPInvokeError() != Errno.EINTR)
            {
                status = default;
                return 0;
            }
        }
    }

    /// <summary>Blocks until <paramref name="pid"/> ends and returns its status.</summary>
    public static WaitStatus Wait(int pid)
    {
        int raw;
        while (LibCNative.waitpid(pid, &raw, 0) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new UnixException(errno, "waitpid");
        }
        return new WaitStatus(raw);
    }

    /// <summary>A pidfd for <paramref name="pid"/> (Linux 5.3+): readable in poll once the child has ended. -1 with errno when unsupported.</summary>
    public static int OpenPidFd(int pid, out int errno)
    {
        int fd = LibCNative.pidfd_open(pid, 0);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }
}
