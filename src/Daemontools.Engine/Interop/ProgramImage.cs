using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Replacing this process with another program (execve), a new session (setsid), and the checks
/// that decide whether a program file is this very binary. Used only by the NativeAOT chain tools;
/// a pwsh session never replaces itself.
/// </summary>
internal static unsafe partial class ProgramImage
{
    private const string SelfExe = "/proc/self/exe";

    /// <summary>execve(path, argv, envp); returns errno, as it returns only on failure. Allocates nothing for a short path.</summary>
    public static Errno Execute(string path, NativeStringArray argv, NativeStringArray environment)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            execve(p, argv.Pointer, environment.Pointer);
        }
        return LastError.Value;
    }

    /// <summary>True when <paramref name="path"/> is the same file as the running executable.</summary>
    public static bool IsThisProgram(string path) =>
        FileSystem.Stat(SelfExe, out FileFacts self) == Errno.None
        && FileSystem.Stat(path, out FileFacts other) == Errno.None
        && self.Device == other.Device && self.Inode == other.Inode;

    /// <summary>Whether the current effective ids may execute <paramref name="path"/> (faccessat X_OK, AT_EACCESS).</summary>
    public static Errno CheckExecutable(string path) => FileSystem.CheckSearchable(FileSystem.WorkingDirectory, path);

    /// <summary>setsid(2).</summary>
    public static Errno NewSession() => setsid() < 0 ? LastError.Value : Errno.None;

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int setsid();
}
