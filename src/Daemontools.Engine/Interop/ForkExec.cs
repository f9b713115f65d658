using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// fork and execve, returning as soon as the child exists, as 0.76's supervise starts ./run (see
/// Native/forkexec.c for why posix_spawn is slower to return). Only the native binary links the
/// helper: elsewhere <see cref="Available"/> is false and <see cref="Spawner"/> serves.
/// </summary>
internal static unsafe partial class ForkExec
{
    /// <summary>True in the native binary, which links Native/forkexec.c.</summary>
    public static bool Available => StaticLinking.IsStatic;

    /// <summary>
    /// Starts <paramref name="path"/> with <paramref name="arguments"/> and this process's
    /// environment; <paramref name="errno"/> says whether fork failed. <paramref name="report"/>
    /// then carries the errno of a failed execve: read it with <see cref="Failure"/> once the child
    /// has been reaped, and close it. False, and nothing started, when the report pipe cannot be
    /// made (two descriptors more than posix_spawn needs: supervise may run under softlimit -o).
    /// </summary>
    public static bool TryStart(string path, IReadOnlyList<string> arguments, out ChildProcess child, out Descriptor report, out Errno errno)
    {
        child = default;
        report = Descriptor.None;
        errno = Pipe.Create(out PipePair pipe);
        if (errno != Errno.None) return false;
        using var argv = new NativeStringArray(arguments);
        Span<byte> pathBuffer = stackalloc byte[PathName.StackLength];
        int pid;
        fixed (byte* file = PathName.Encode(path, pathBuffer)) pid = daemontools_fork_exec(file, argv.Pointer, ProcessEnvironment.Pointer, pipe.Write.Number);
        pipe.Write.Close();
        if (pid < 0)
        {
            pipe.Read.Close();
            errno = (Errno)(-pid);
            return true;
        }
        child = new ChildProcess(pid);
        report = pipe.Read;
        return true;
    }

    /// <summary>The errno execve failed with in a reaped child, or None when it succeeded (end of file).</summary>
    public static Errno Failure(Descriptor report)
    {
        if (!report.IsValid) return Errno.None;
        Span<byte> buffer = stackalloc byte[sizeof(int)];
        return report.Read(buffer, out int n) == Errno.None && n == sizeof(int) ? (Errno)MemoryMarshal.Read<int>(buffer) : Errno.None;
    }

    [LibraryImport("daemontools-forkexec")]
    private static partial int daemontools_fork_exec(byte* path, byte** argv, byte** envp, int reportFd);
}
