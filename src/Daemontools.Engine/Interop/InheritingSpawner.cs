namespace Daemontools.Engine.Interop;

/// <summary>
/// posix_spawn that leaves signal dispositions and the mask as this process has them (fghack's
/// child must inherit exactly what fghack inherited, unlike <see cref="Spawner"/>'s clean slate).
/// </summary>
public static unsafe class InheritingSpawner
{
    /// <summary>Starts <paramref name="path"/> with close and dup2 actions; returns the pid, or -1 with errno (the exec's errno included).</summary>
    public static int TrySpawn(byte* path, NativeStringArray argv, NativeByteStringArray environment, ReadOnlySpan<int> close, ReadOnlySpan<(int From, int To)> duplicates, out int errno)
    {
        byte* actions = stackalloc byte[LibCNative.FileActionsSize];
        LibCNative.posix_spawn_file_actions_init(actions);
        try
        {
            foreach (int fd in close) LibCNative.posix_spawn_file_actions_addclose(actions, fd);
            foreach ((int from, int to) in duplicates) LibCNative.posix_spawn_file_actions_adddup2(actions, from, to);
            int pid;
            errno = ProcessStateNative.posix_spawn(&pid, path, actions, null, argv.Pointer, environment.Pointer);
            return errno == 0 ? pid : -1;
        }
        finally
        {
            LibCNative.posix_spawn_file_actions_destroy(actions);
        }
    }

    /// <summary>The descriptors a C program would have open here: open ones without close-on-exec.</summary>
    public static HashSet<int> InheritableDescriptors()
    {
        var open = new HashSet<int>();
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int fd)) continue;
            int flags = Tmds.Linux.LibC.fcntl(fd, Tmds.Linux.LibC.F_GETFD);
            if (flags >= 0 && (flags & Tmds.Linux.LibC.FD_CLOEXEC) == 0) open.Add(fd);
        }
        return open;
    }
}
