using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>Sending signals, and putting dispositions back to what the C originals would have.</summary>
internal static unsafe partial class Signals
{
    /// <summary>kill(2); false when the process is gone (or not ours to signal). A negative pid names a process group.</summary>
    public static bool Send(int pid, Signal signal) => kill(pid, (int)signal) == 0;

    /// <summary>True when <paramref name="pid"/> leads its own process group (getpgid(pid) == pid).</summary>
    public static bool LeadsGroup(int pid) => pid > 1 && getpgid(pid) == pid;

    /// <summary>Sends <paramref name="signal"/> to the process group <paramref name="pid"/> leads; false when it leads none (or it is gone).</summary>
    public static bool SendToGroup(int pid, Signal signal) => LeadsGroup(pid) && Send(-pid, signal);

    /// <summary>Sets the disposition of <paramref name="signal"/> to SIG_DFL.</summary>
    public static void SetDefault(Signal signal)
    {
        byte* action = stackalloc byte[Linux.SigActionSize];
        new Span<byte>(action, Linux.SigActionSize).Clear();
        sigaction((int)signal, action, null);
    }

    /// <summary>
    /// Puts back the signal mask and ignored signals this process inherited (recorded before the
    /// .NET runtime started), so the next program sees what it would have seen without us.
    /// </summary>
    public static void RestoreInherited() => daemontools_restore_inherited_signals();

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport(Linux.LibC)]
    private static partial int getpgid(int pid);

    [LibraryImport(Linux.LibC)]
    private static partial int sigaction(int signal, void* action, void* old);

    /// <summary>Supplied by the pre-runtime hook linked into the native binary (Native/prestart.c).</summary>
    [LibraryImport("daemontools-prestart")]
    private static partial void daemontools_restore_inherited_signals();
}
