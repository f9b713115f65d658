using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// fork and execve, returning as soon as the child exists, as 0.76 starts ./run and supervise
/// (Native/forkexec.c says why posix_spawn is slower to return). Only the native binary links the
/// helper: elsewhere, and for what it does not do (other ids, limits, opened or closed
/// descriptors), <see cref="TryStart"/> declines and <see cref="Spawner"/> serves. A child whose
/// execve (or a step before it) failed leaves its errno on one pipe this process keeps for all of
/// them: ask <see cref="Failure"/> once the child has been reaped.
/// </summary>
internal static unsafe partial class ForkExec
{
    private const int RecordSize = 2 * sizeof(int);

    private static readonly object Gate = new();
    private static PipePair _reports = new(Descriptor.None, Descriptor.None);
    private static Dictionary<int, Errno>? _failures;

    /// <summary>
    /// Starts <paramref name="request"/>; <paramref name="errno"/> says whether fork failed. False,
    /// and nothing started, when it is not for this way of starting or the report pipe cannot be
    /// made (two descriptors, once: supervise may run under softlimit -o).
    /// </summary>
    public static bool TryStart(SpawnRequest request, out ChildProcess child, out Errno errno)
    {
        child = default;
        errno = Errno.None;
        if (!StaticLinking.IsStatic || request.Credentials is not null || request.Limits.Count > 0 || request.Opens.Count > 0 || request.Close.Count > 0 || request.Inherit.Count > 0)
        {
            return false;
        }
        Descriptor report = ReportDescriptor();
        if (!report.IsValid) return false;

        using var argv = new NativeStringArray(request.Arguments);
        using NativeStringArray? envp = request.Environment is null ? null : new NativeStringArray(request.Environment);
        int count = request.Descriptors.Count;
        int* moves = stackalloc int[2 * Math.Max(count, 1)];
        for (int i = 0; i < count; i++)
        {
            moves[2 * i] = request.Descriptors[i].From.Number;
            moves[2 * i + 1] = request.Descriptors[i].To;
        }
        Span<byte> pathBuffer = stackalloc byte[PathName.StackLength];
        Span<byte> directoryBuffer = stackalloc byte[PathName.StackLength];
        int pid;
        fixed (byte* path = PathName.Encode(request.Path, pathBuffer))
        fixed (byte* directory = request.WorkingDirectory is null ? default : PathName.Encode(request.WorkingDirectory, directoryBuffer))
        {
            byte** environment = envp is { } entries ? entries.Pointer : ProcessEnvironment.Pointer;
            pid = daemontools_fork_exec(path, argv.Pointer, environment, request.SearchPath ? 1 : 0, directory, moves, count, request.NewSession ? 1 : 0, request.KeepSignals ? 1 : 0, report.Number);
        }
        if (pid < 0)
        {
            errno = (Errno)(-pid);
            return true;
        }
        child = new ChildProcess(pid);
        return true;
    }

    /// <summary>The errno the reaped child <paramref name="pid"/> failed to start with, or None when it ran (or was not started here).</summary>
    public static Errno Failure(int pid)
    {
        lock (Gate)
        {
            if (!_reports.Read.IsValid) return Errno.None;
            Span<byte> buffer = stackalloc byte[32 * RecordSize];
            // Whole records only: each is one atomic write of 8 bytes.
            while (_reports.Read.Read(buffer, out int n) == Errno.None && n > 0)
            {
                for (int at = 0; at + RecordSize <= n; at += RecordSize)
                {
                    (_failures ??= new Dictionary<int, Errno>())[MemoryMarshal.Read<int>(buffer[at..])] = (Errno)MemoryMarshal.Read<int>(buffer[(at + sizeof(int))..]);
                }
            }
            return _failures is not null && _failures.Remove(pid, out Errno errno) ? errno : Errno.None;
        }
    }

    /// <summary>The write end of the report pipe, made on first use above the descriptors a child is given.</summary>
    private static Descriptor ReportDescriptor()
    {
        lock (Gate)
        {
            if (_reports.Write.IsValid) return _reports.Write;
            if (Pipe.Create(out PipePair made, nonBlocking: true) != Errno.None) return Descriptor.None;
            _reports = new PipePair(made.Read, made.Write.MoveAbove(3));
            return _reports.Write;
        }
    }

    [LibraryImport("daemontools-forkexec")]
    private static partial int daemontools_fork_exec(byte* path, byte** argv, byte** envp, int search, byte* directory, int* moves, int moveCount, int newSession, int keepSignals, int reportFd);
}
