using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Replacing this process with another program (execve), and the checks that decide whether a
/// program file is this very binary. Used only by the NativeAOT chain tools; a pwsh session
/// never replaces itself.
/// </summary>
public static unsafe partial class ProgramImage
{
    private const string SelfExe = "/proc/self/exe";

    /// <summary>execve(path, argv, envp); returns errno, as it only returns on failure.</summary>
    public static int Execute(byte* path, NativeStringArray argv, NativeByteStringArray environment)
    {
        ProcessStateNative.execve(path, argv.Pointer, environment.Pointer);
        return Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// Puts back the signal mask and ignored signals this process inherited (recorded before the
    /// .NET runtime started), so the next program sees what it would have seen without us.
    /// </summary>
    public static void RestoreInheritedSignals() => daemontools_restore_inherited_signals();

    /// <summary>True when <paramref name="path"/> is the same file as the running executable.</summary>
    public static bool IsThisProgram(string path)
    {
        ProcessStateNative.Stat self, other;
        fixed (byte* s = NativeByteString.Terminated(SelfExe))
        fixed (byte* p = NativeByteString.Terminated(path))
        {
            if (ProcessStateNative.stat(s, &self) != 0) return false;
            if (ProcessStateNative.stat(p, &other) != 0) return false;
        }
        return self.Device == other.Device && self.Inode == other.Inode;
    }

    /// <summary>faccessat(path, X_OK, AT_EACCESS): 0 when the current effective ids may execute it, else errno.</summary>
    public static int CheckExecutable(string path)
    {
        fixed (byte* p = NativeByteString.Terminated(path))
        {
            return ProcessStateNative.faccessat(-100, p, ProcessStateNative.X_OK, ProcessStateNative.AT_EACCESS) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>setsid(2); returns errno (0 on success).</summary>
    public static int NewSession() => ProcessStateNative.setsid() < 0 ? Marshal.GetLastPInvokeError() : 0;

    /// <summary>Restores the inherited signals; supplied by the pre-runtime hook linked into the binary.</summary>
    [LibraryImport("daemontools-prestart")]
    private static partial void daemontools_restore_inherited_signals();
}
