using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Starts children with posix_spawn: every signal back to its default disposition and an empty
/// signal mask (the .NET runtime's handlers and mask must not leak into services), descriptors
/// and directory as requested. Exec failures come back as errno (glibc reports them).
/// </summary>
public static unsafe class Spawner
{
    /// <summary>Starts the child and returns its pid; throws <see cref="UnixException"/> when it cannot start.</summary>
    public static int Spawn(SpawnRequest request)
    {
        int pid = TrySpawn(request, out int errno);
        return pid > 0 ? pid : throw new UnixException(errno, "spawn", request.Path);
    }

    /// <summary>Starts the child; returns its pid, or -1 with errno.</summary>
    public static int TrySpawn(SpawnRequest request, out int errno)
    {
        byte* actions = stackalloc byte[LibCNative.FileActionsSize];
        byte* attr = stackalloc byte[LibCNative.SpawnAttrSize];
        using var argv = new NativeStringArray(request.Arguments);
        using var envp = request.Environment is null ? null : new NativeStringArray(request.Environment);

        LibCNative.posix_spawn_file_actions_init(actions);
        LibCNative.posix_spawnattr_init(attr);
        try
        {
            foreach ((int from, int to) in request.Descriptors)
            {
                LibCNative.posix_spawn_file_actions_adddup2(actions, from, to);
            }
            foreach (int fd in request.Close) LibCNative.posix_spawn_file_actions_addclose(actions, fd);
            if (request.WorkingDirectory is not null)
            {
                LibCNative.posix_spawn_file_actions_addchdir_np(actions, request.WorkingDirectory);
            }
            SetCleanSignals(attr, request.NewSession ? LibCNative.POSIX_SPAWN_SETSID : (short)0);

            byte** environment = envp is null ? LibCNative.Environ : envp.Pointer;
            int pid;
            errno = request.SearchPath
                ? LibCNative.posix_spawnp(&pid, request.Path, actions, attr, argv.Pointer, environment)
                : LibCNative.posix_spawn(&pid, request.Path, actions, attr, argv.Pointer, environment);
            return errno == 0 ? pid : -1;
        }
        finally
        {
            LibCNative.posix_spawnattr_destroy(attr);
            LibCNative.posix_spawn_file_actions_destroy(actions);
        }
    }

    /// <summary>Sets <paramref name="attr"/> to give the child every signal at its default and an empty mask, plus <paramref name="moreFlags"/>.</summary>
    internal static void SetCleanSignals(byte* attr, short moreFlags)
    {
        byte* all = stackalloc byte[LibCNative.SigSetSize];
        byte* none = stackalloc byte[LibCNative.SigSetSize];
        LibCNative.sigfillset(all);
        LibCNative.sigemptyset(none);
        LibCNative.posix_spawnattr_setsigdefault(attr, all);
        LibCNative.posix_spawnattr_setsigmask(attr, none);
        LibCNative.posix_spawnattr_setflags(attr, (short)(LibCNative.POSIX_SPAWN_SETSIGDEF | LibCNative.POSIX_SPAWN_SETSIGMASK | moreFlags));
    }
}
