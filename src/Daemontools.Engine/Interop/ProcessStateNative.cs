using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Raw declarations for the process-state tools (envdir, setuidgid, softlimit, setlock, ...):
/// accounts, credentials, resource limits, directory reading, exec. Only the typed wrappers in
/// this folder call them.
/// </summary>
internal static unsafe partial class ProcessStateNative
{
    private const string LibC = "libc.so.6";

    public const int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0x40, O_NONBLOCK = 0x800, O_APPEND = 0x400;
    public const int O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000, O_PATH = 0x200000;
    public const int X_OK = 1, AT_EACCESS = 0x200;
    public const int SIG_SETMASK = 2;

    /// <summary>glibc's struct passwd on LP64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Home;
        public byte* Shell;
    }

    /// <summary>struct rlimit.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>The start of glibc's struct dirent (LP64): the name follows at offset 19.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DirEntry
    {
        public ulong Inode;
        public long Offset;
        public ushort RecordLength;
        public byte Type;
    }

    public const int DirEntryNameOffset = 19;

    /// <summary>The stat fields we compare (x86-64 and arm64 agree on dev and ino at the start).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct Stat
    {
        public ulong Device;
        public ulong Inode;
    }

    [LibraryImport(LibC, EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int getpwnam_r(string name, Passwd* pwd, byte* buffer, nuint size, Passwd** result);

    [LibraryImport(LibC, EntryPoint = "getpwuid_r")]
    public static partial int getpwuid_r(uint uid, Passwd* pwd, byte* buffer, nuint size, Passwd** result);

    [LibraryImport(LibC, EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int getgrouplist(string user, uint group, uint* groups, int* count);

    [LibraryImport(LibC, EntryPoint = "setgroups", SetLastError = true)]
    public static partial int setgroups(nuint size, uint* list);

    [LibraryImport(LibC, EntryPoint = "setgid", SetLastError = true)]
    public static partial int setgid(uint gid);

    [LibraryImport(LibC, EntryPoint = "setuid", SetLastError = true)]
    public static partial int setuid(uint uid);

    [LibraryImport(LibC, EntryPoint = "geteuid")]
    public static partial uint geteuid();

    [LibraryImport(LibC, EntryPoint = "setsid", SetLastError = true)]
    public static partial int setsid();

    [LibraryImport(LibC, EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int getrlimit(int resource, RLimit* limit);

    [LibraryImport(LibC, EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int setrlimit(int resource, RLimit* limit);

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true)]
    public static partial int open(byte* path, int flags, int mode);

    [LibraryImport(LibC, EntryPoint = "openat", SetLastError = true)]
    public static partial int openat(int dirfd, byte* path, int flags, int mode);

    [LibraryImport(LibC, EntryPoint = "faccessat", SetLastError = true)]
    public static partial int faccessat(int dirfd, byte* path, int mode, int flags);

    [LibraryImport(LibC, EntryPoint = "fdopendir", SetLastError = true)]
    public static partial IntPtr fdopendir(int fd);

    [LibraryImport(LibC, EntryPoint = "readdir", SetLastError = true)]
    public static partial DirEntry* readdir(IntPtr dir);

    [LibraryImport(LibC, EntryPoint = "closedir")]
    public static partial int closedir(IntPtr dir);

    [LibraryImport(LibC, EntryPoint = "stat", SetLastError = true)]
    public static partial int stat(byte* path, Stat* buffer);

    [LibraryImport(LibC, EntryPoint = "execve", SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(LibC, EntryPoint = "sigprocmask")]
    public static partial int sigprocmask(int how, void* set, void* old);

    [LibraryImport(LibC, EntryPoint = "sigaction")]
    public static partial int sigaction(int signal, void* action, void* old);

    [LibraryImport(LibC, EntryPoint = "posix_spawn")]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(LibC, EntryPoint = "prlimit", SetLastError = true)]
    public static partial int prlimit(int pid, int resource, RLimit* newLimit, RLimit* oldLimit);

    [LibraryImport(LibC, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    /// <summary>syscall(2), for the per-thread credential calls glibc would broadcast to every thread.</summary>
    [LibraryImport(LibC, EntryPoint = "syscall", SetLastError = true)]
    public static partial long syscall(long number, long a1, long a2, long a3);

    [LibraryImport(LibC, EntryPoint = "mkfifo", SetLastError = true)]
    public static partial int mkfifo(byte* path, uint mode);

    [LibraryImport(LibC, EntryPoint = "gettid")]
    public static partial int gettid();

    [LibraryImport(LibC, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, uint mode);
}
