using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Starts children with posix_spawn as a <see cref="SpawnRequest"/> says. A request for other ids
/// or limits is spawned from a dedicated thread (see <see cref="ThreadCredentials"/> and
/// <see cref="SpawnGate"/>) so that this process keeps its own. Exec failures come back as errno.
/// </summary>
internal static unsafe partial class Spawner
{
    /// <summary>Starts the child; never throws for a failure of the system's.</summary>
    public static SpawnResult Spawn(SpawnRequest request)
    {
        if (request.Credentials is null && request.Limits.Count == 0)
        {
            Errno direct = Start(request, null, Descriptor.None, out int started);
            return direct == Errno.None ? new SpawnResult(new ChildProcess(started), Errno.None, SpawnStep.Spawn) : SpawnResult.Failed(SpawnStep.Spawn, direct);
        }
        SpawnGate? gate = null;
        if (request.Limits.Count > 0)
        {
            Errno made = SpawnGate.Create(out gate);
            if (made != Errno.None) return SpawnResult.Failed(SpawnStep.Limits, made);
        }
        using (gate)
        {
            return SpawnOnThread(request, gate);
        }
    }

    /// <summary>
    /// As <see cref="Spawn"/>, but returns as soon as the child exists where <see cref="ForkExec"/>
    /// can start it, as 0.76's fork does: a failed execve is then learned from
    /// <see cref="ForkExec.Failure"/> once the child has been reaped.
    /// </summary>
    public static SpawnResult SpawnAtOnce(SpawnRequest request)
    {
        if (!ForkExec.TryStart(request, out ChildProcess child, out Errno errno)) return Spawn(request);
        return errno == Errno.None ? new SpawnResult(child, Errno.None, SpawnStep.Spawn) : SpawnResult.Failed(SpawnStep.Spawn, errno);
    }

    private static SpawnResult SpawnOnThread(SpawnRequest request, SpawnGate? gate)
    {
        int pid = -1, tid = 0;
        Errno errno = Errno.None;
        SpawnStep step = SpawnStep.Spawn;
        var thread = new Thread(
            () =>
            {
                Volatile.Write(ref tid, ThreadCredentials.ThreadId);
                if (request.Credentials is { } ids)
                {
                    errno = ThreadCredentials.Become(ids.Uid, ids.Gid, ids.Groups);
                    if (errno != Errno.None)
                    {
                        step = SpawnStep.Credentials;
                        return;
                    }
                }
                errno = Start(request, gate?.Path, gate?.ChildDescriptor ?? Descriptor.None, out pid);
            },
            256 * 1024);
        thread.Start();
        Errno limitFailure = gate?.Release(thread, () => Volatile.Read(ref tid), request.Limits) ?? Errno.None;
        thread.Join();
        if (errno != Errno.None) return SpawnResult.Failed(step, errno);
        var child = new ChildProcess(pid);
        if (limitFailure != Errno.None)
        {
            child.Wait();
            return SpawnResult.Failed(SpawnStep.Limits, limitFailure);
        }
        return new SpawnResult(child, Errno.None, SpawnStep.Spawn);
    }

    private static Errno Start(SpawnRequest request, string? gatePath, Descriptor gateDescriptor, out int pid)
    {
        byte* actions = stackalloc byte[Linux.FileActionsSize];
        byte* attr = stackalloc byte[Linux.SpawnAttrSize];
        using var argv = new NativeStringArray(request.Arguments);
        using NativeStringArray? envp = request.Environment is null ? null : new NativeStringArray(request.Environment);
        Span<byte> pathBuffer = stackalloc byte[PathName.StackLength];
        Span<byte> directoryBuffer = stackalloc byte[PathName.StackLength];
        Span<byte> gateBuffer = stackalloc byte[PathName.StackLength];
        Span<byte> openBuffer = stackalloc byte[PathName.StackLength];
        posix_spawn_file_actions_init(actions);
        posix_spawnattr_init(attr);
        try
        {
            fixed (byte* gate = gatePath is null ? default : PathName.Encode(gatePath, gateBuffer))
            fixed (byte* directory = request.WorkingDirectory is null ? default : PathName.Encode(request.WorkingDirectory, directoryBuffer))
            fixed (byte* path = PathName.Encode(request.Path, pathBuffer))
            {
                // First action: block in opening the gate until the limits are on the child.
                if (gate != null) posix_spawn_file_actions_addopen(actions, gateDescriptor.Number, gate, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
                // Indexed: enumerating an IReadOnlyList allocates, and supervise spawns on every restart.
                for (int i = 0; i < request.Close.Count; i++) posix_spawn_file_actions_addclose(actions, request.Close[i].Number);
                for (int i = 0; i < request.Opens.Count; i++)
                {
                    // glibc copies the path into the action list: one buffer serves them all.
                    (string file, int openFlags, UnixFileMode mode, int to) = request.Opens[i];
                    fixed (byte* name = PathName.Encode(file, openBuffer)) posix_spawn_file_actions_addopen(actions, to, name, openFlags, (uint)mode);
                }
                for (int i = 0; i < request.Descriptors.Count; i++) posix_spawn_file_actions_adddup2(actions, request.Descriptors[i].From.Number, request.Descriptors[i].To);
                for (int i = 0; i < request.Inherit.Count; i++) posix_spawn_file_actions_adddup2(actions, request.Inherit[i].Number, request.Inherit[i].Number);
                if (directory != null) posix_spawn_file_actions_addchdir_np(actions, directory);
                short flags = request.NewSession ? Linux.POSIX_SPAWN_SETSID : (short)0;
                if (!request.KeepSignals) flags |= CleanSignals(attr);
                posix_spawnattr_setflags(attr, flags);

                byte** environment = envp is { } entries ? entries.Pointer : ProcessEnvironment.Pointer;
                int child;
                int error = request.SearchPath
                    ? posix_spawnp(&child, path, actions, attr, argv.Pointer, environment)
                    : posix_spawn(&child, path, actions, attr, argv.Pointer, environment);
                pid = error == 0 ? child : -1;
                return (Errno)error;
            }
        }
        finally
        {
            posix_spawnattr_destroy(attr);
            posix_spawn_file_actions_destroy(actions);
        }
    }

    /// <summary>Every signal at its default and an empty mask in the child; returns the flags that ask for it.</summary>
    private static short CleanSignals(byte* attr)
    {
        byte* all = stackalloc byte[Linux.SigSetSize];
        byte* none = stackalloc byte[Linux.SigSetSize];
        Signals.FillSet(all);
        // glibc's sigfillset leaves out its own two signals (32 and 33, which it handles in every
        // threaded process), and posix_spawn then sets them to SIG_IGN in the child, where execve
        // keeps them ignored. Put in by hand (bit n-1 for signal n), they start at default, as
        // after fork and exec.
        *(ulong*)all |= (1UL << 31) | (1UL << 32);
        Signals.EmptySet(none);
        posix_spawnattr_setsigdefault(attr, all);
        posix_spawnattr_setsigmask(attr, none);
        return Linux.POSIX_SPAWN_SETSIGDEF | Linux.POSIX_SPAWN_SETSIGMASK;
    }

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawnp(int* pid, byte* file, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn_file_actions_addclose(void* actions, int fd);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn_file_actions_addchdir_np(void* actions, byte* path);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawnattr_setsigmask(void* attr, void* sigmask);

    [LibraryImport(Linux.LibC)]
    private static partial int posix_spawnattr_setsigdefault(void* attr, void* sigdefault);
}
