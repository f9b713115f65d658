using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>kill(2) by pid, and the signal numbers callers name.</summary>
public static class ProcessSignal
{
    public static int Hangup => LibC.SIGHUP;
    public static int Interrupt => LibC.SIGINT;
    public static int Terminate => LibC.SIGTERM;
    public static int Kill => LibC.SIGKILL;
    public static int Continue => LibC.SIGCONT;
    public static int Child => LibC.SIGCHLD;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/> (a negative pid names a process group); false with errno.</summary>
    public static bool TrySend(int pid, int signal, out int errno)
    {
        if (LibC.kill(pid, signal) == 0)
        {
            errno = 0;
            return true;
        }
        errno = Marshal.GetLastPInvokeError();
        return false;
    }

    /// <summary>True when a process with this pid exists (kill 0; EPERM also means it exists).</summary>
    public static bool Exists(int pid) => TrySend(pid, 0, out int errno) || errno == Errno.EPERM;
}
