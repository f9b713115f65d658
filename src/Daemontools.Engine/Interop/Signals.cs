using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>Sending signals, and putting dispositions back to what the C originals would have.</summary>
internal static unsafe partial class Signals
{
    /// <summary>kill(2); false when the process is gone (or not ours to signal). A negative pid names a process group.</summary>
    public static bool Send(int pid, Signal signal) => kill(pid, (int)signal) == 0;

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
    private static partial int sigaction(int signal, void* action, void* old);

    /// <summary>Supplied by the pre-runtime hook linked into the native binary (Native/prestart.c).</summary>
    [LibraryImport("daemontools-prestart")]
    private static partial void daemontools_restore_inherited_signals();
}
