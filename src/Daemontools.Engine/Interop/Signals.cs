using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>Sending signals, and putting dispositions back to what the C originals would have.</summary>
internal static unsafe partial class Signals
{
    /// <summary>kill(2); false when the process is gone (or not ours to signal). A negative pid names a process group.</summary>
    public static bool Send(int pid, Signal signal) => kill(pid, (int)signal) == 0;

    /// <summary>True while a process <paramref name="pid"/> exists (kill 0 succeeds, or says it is not ours to signal).</summary>
    public static bool Exists(int pid) => pid > 0 && (kill(pid, 0) == 0 || LastError.Value == Errno.EPERM);

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
    /// Sets <paramref name="signal"/> (a number, so real-time signals can be named) to SIG_IGN when it
    /// is at SIG_DFL; a handler someone installed (the runtime's, for its own signals) is left alone.
    /// </summary>
    public static void IgnoreIfDefault(int signal)
    {
        byte* action = stackalloc byte[Linux.SigActionSize];
        if (sigaction(signal, null, action) != 0 || *(nint*)action != Linux.SIG_DFL) return;
        new Span<byte>(action, Linux.SigActionSize).Clear();
        *(nint*)action = Linux.SIG_IGN;
        sigaction(signal, action, null);
    }

    /// <summary>The real-time signals applications may use (SIGRTMIN..SIGRTMAX, after glibc's own).</summary>
    public static (int First, int Last) RealTime => (__libc_current_sigrtmin(), __libc_current_sigrtmax());

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

    /// <summary>Unblocks <paramref name="signals"/> in the calling thread.</summary>
    public static void Unblock(ReadOnlySpan<Signal> signals)
    {
        byte* set = stackalloc byte[Linux.SigSetSize];
        sigemptyset(set);
        foreach (Signal signal in signals) sigaddset(set, (int)signal);
        pthread_sigmask(Linux.SIG_UNBLOCK, set, null);
    }

    /// <summary>Blocks <paramref name="signals"/> in the calling thread (threads it starts inherit the mask).</summary>
    public static void Block(ReadOnlySpan<Signal> signals)
    {
        byte* set = stackalloc byte[Linux.SigSetSize];
        sigemptyset(set);
        foreach (Signal signal in signals) sigaddset(set, (int)signal);
        pthread_sigmask(Linux.SIG_BLOCK, set, null);
    }

    /// <summary>sigemptyset(3) on a <see cref="Linux.SigSetSize"/>-byte buffer.</summary>
    public static void EmptySet(void* set) => sigemptyset(set);

    /// <summary>sigfillset(3) on a <see cref="Linux.SigSetSize"/>-byte buffer.</summary>
    public static void FillSet(void* set) => sigfillset(set);

    /// <summary>sigaddset(3).</summary>
    public static void AddToSet(void* set, Signal signal) => sigaddset(set, (int)signal);

    [LibraryImport(Linux.LibC)]
    private static partial int sigemptyset(void* set);

    [LibraryImport(Linux.LibC)]
    private static partial int sigfillset(void* set);

    [LibraryImport(Linux.LibC)]
    private static partial int sigaddset(void* set, int signal);

    [LibraryImport(Linux.LibC)]
    private static partial int pthread_sigmask(int how, void* set, void* old);

    [LibraryImport(Linux.LibC)]
    private static partial int __libc_current_sigrtmin();

    [LibraryImport(Linux.LibC)]
    private static partial int __libc_current_sigrtmax();

    /// <summary>Supplied by the pre-runtime hook linked into the native binary (Native/prestart.c).</summary>
    [LibraryImport("daemontools-prestart")]
    private static partial void daemontools_restore_inherited_signals();
}
