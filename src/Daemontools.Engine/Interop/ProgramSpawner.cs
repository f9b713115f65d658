using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// posix_spawn for the cmdlets: signals back to default and an empty mask (the runtime's must not
/// leak), stdout redirected, the child's ids switched on a dedicated thread (see
/// <see cref="ThreadCredentials"/>) so the session keeps its own, resource limits set on the child.
/// </summary>
public static unsafe class ProgramSpawner
{
    /// <summary>Starts the child; returns its pid, or throws <see cref="UnixException"/> (operation "credentials", "spawn" or "prlimit").</summary>
    public static int Spawn(ProgramSpawnRequest request)
    {
        if (request.Credentials is null && request.Limits.Count == 0)
        {
            int direct = TrySpawn(request, null, -1, out int e);
            return direct > 0 ? direct : throw new UnixException(e, "spawn", request.Path);
        }
        using var gate = request.Limits.Count > 0 ? new SpawnGate() : null;
        int pid = -1, errno = 0, tid = 0;
        string operation = "spawn";
        var thread = new Thread(() =>
        {
            Volatile.Write(ref tid, ProcessStateNative.gettid());
            if (request.Credentials is { } ids)
            {
                errno = ThreadCredentials.Become(ids.Uid, ids.Gid, ids.Groups);
                if (errno != 0)
                {
                    operation = "credentials";
                    return;
                }
            }
            pid = TrySpawn(request, gate?.Path, gate?.ChildDescriptor ?? -1, out errno);
        }, 256 * 1024);
        thread.Start();
        UnixException? limitFailure = gate?.Release(thread, () => Volatile.Read(ref tid), request.Limits, request.Path);
        thread.Join();
        if (pid < 0) throw new UnixException(errno, operation, request.Path);
        if (limitFailure is not null)
        {
            ChildProcesses.Wait(pid);
            throw limitFailure;
        }
        return pid;
    }

    private static int TrySpawn(ProgramSpawnRequest request, string? gatePath, int gateDescriptor, out int errno)
    {
        byte* actions = stackalloc byte[LibCNative.FileActionsSize];
        byte* attr = stackalloc byte[LibCNative.SpawnAttrSize];
        using var argv = new NativeStringArray(request.Arguments);
        using var envp = new NativeByteStringArray(request.Environment);
        byte* path = NativeByteString.Allocate(System.Text.Encoding.UTF8.GetBytes(request.Path));
        LibCNative.posix_spawn_file_actions_init(actions);
        LibCNative.posix_spawnattr_init(attr);
        byte* gate = gatePath is null ? null : NativeByteString.Allocate(System.Text.Encoding.UTF8.GetBytes(gatePath));
        try
        {
            // First action: block in opening the gate until the limits are on the child.
            if (gate != null) ProcessStateNative.posix_spawn_file_actions_addopen(actions, gateDescriptor, gate, ProcessStateNative.O_RDONLY | ProcessStateNative.O_CLOEXEC, 0);
            if (request.StandardOutput >= 0) LibCNative.posix_spawn_file_actions_adddup2(actions, request.StandardOutput, 1);
            foreach (int fd in request.Inherit) LibCNative.posix_spawn_file_actions_adddup2(actions, fd, fd);
            foreach (int fd in request.Close) LibCNative.posix_spawn_file_actions_addclose(actions, fd);
            if (request.WorkingDirectory is not null) LibCNative.posix_spawn_file_actions_addchdir_np(actions, request.WorkingDirectory);
            Spawner.SetCleanSignals(attr, 0);
            int pid;
            errno = ProcessStateNative.posix_spawn(&pid, path, actions, attr, argv.Pointer, envp.Pointer);
            return errno == 0 ? pid : -1;
        }
        finally
        {
            NativeMemory.Free(path);
            if (gate != null) NativeMemory.Free(gate);
            LibCNative.posix_spawnattr_destroy(attr);
            LibCNative.posix_spawn_file_actions_destroy(actions);
        }
    }
}
