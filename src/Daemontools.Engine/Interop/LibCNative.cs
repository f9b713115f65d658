using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Raw declarations of the C library calls that Tmds.LibC lacks. Only the typed wrappers in
/// this folder call them; everything above the interop folder sees types, not pointers.
/// </summary>
internal static unsafe partial class LibCNative
{
    private const string LibC = "libc.so.6";

    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    public const int WNOHANG = 1;

    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const short POSIX_SPAWN_SETSID = 0x80;

    /// <summary>Generous sizes for glibc's opaque spawn structures (80 and 336 bytes on LP64).</summary>
    public const int FileActionsSize = 256, SpawnAttrSize = 512, SigSetSize = 128;

    [LibraryImport(LibC, EntryPoint = "flock", SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(LibC, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rename(string from, string to);

    [LibraryImport(LibC, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(LibC, EntryPoint = "pidfd_open", SetLastError = true)]
    public static partial int pidfd_open(int pid, uint flags);

    [LibraryImport(LibC, EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawn(int* pid, string path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(LibC, EntryPoint = "posix_spawnp", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawnp(int* pid, string file, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(LibC, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(LibC, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(LibC, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);

    [LibraryImport(LibC, EntryPoint = "posix_spawn_file_actions_addclose")]
    public static partial int posix_spawn_file_actions_addclose(void* actions, int fd);

    [LibraryImport(LibC, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int posix_spawn_file_actions_addchdir_np(void* actions, string path);

    [LibraryImport(LibC, EntryPoint = "posix_spawnattr_init")]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(LibC, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(LibC, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(LibC, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int posix_spawnattr_setsigmask(void* attr, void* sigmask);

    [LibraryImport(LibC, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int posix_spawnattr_setsigdefault(void* attr, void* sigdefault);

    [LibraryImport(LibC, EntryPoint = "sigemptyset")]
    public static partial int sigemptyset(void* set);

    [LibraryImport(LibC, EntryPoint = "sigfillset")]
    public static partial int sigfillset(void* set);

    [LibraryImport(LibC, EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void* dlsym(IntPtr handle, string symbol);

    /// <summary>The process's real environment block (char **environ), as exec would pass it.</summary>
    public static byte** Environ => StaticLinking.IsStatic ? daemontools_environ() : *(byte***)dlsym(IntPtr.Zero, "environ");

    /// <summary>environ as the static binary's start-up code sees it (Native/prestart.c); dlsym cannot find it there.</summary>
    [LibraryImport("daemontools-prestart")]
    private static partial byte** daemontools_environ();
}
