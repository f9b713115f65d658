using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// The one table of the kernel's and glibc's numbers this layer passes (x86-64 and arm64 agree on
/// all of them but O_DIRECTORY). Mode bits are <see cref="UnixFileMode"/>; errno is <see cref="Unix.Errno"/>.
/// </summary>
internal static class Linux
{
    public const string LibC = "libc.so.6";

    // open(2)
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200, O_APPEND = 0x400,
        O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, O_PATH = 0x200000;

    /// <summary>O_DIRECTORY: 0200000 on x86-64, 040000 on arm64 (where 0200000 is O_DIRECT).</summary>
    public static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    /// <summary>O_NOFOLLOW: 0400000 on x86-64, 0100000 on arm64.</summary>
    public static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    // *at(2), access(2), statx(2)
    public const int AT_FDCWD = -100, AT_EACCESS = 0x200, AT_EMPTY_PATH = 0x1000, X_OK = 1;
    public const uint STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800;
    public const uint S_IFMT = 0xf000, S_IFIFO = 0x1000, S_IFDIR = 0x4000, S_IFREG = 0x8000;

    // renameat2(2), ioctl(2)
    public const uint RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2;
    public const uint FIONREAD = 0x541B;

    // mmap(2)
    public const int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;

    // fcntl(2)
    public const int F_GETFD = 1, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030, F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
    public const int FD_CLOEXEC = 1, F_OFD_GETLK = 36, F_OFD_SETLK = 37;
    public const short F_WRLCK = 1, F_UNLCK = 2;

    // tee(2), poll(2), flock(2), waitpid(2)
    public const uint SPLICE_F_NONBLOCK = 2;
    public const short POLLIN = 1;
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    public const int WNOHANG = 1;

    // inotify(7)
    public const int IN_NONBLOCK = 0x800, IN_CLOEXEC = 0x80000;
    public const uint IN_MOVED_TO = 0x80, IN_CREATE = 0x100;

    // posix_spawn(3): flags, and generous sizes for glibc's opaque structures (80, 336 and 128 bytes on LP64)
    public const short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;
    public const int FileActionsSize = 256, SpawnAttrSize = 512, SigSetSize = 128;

    /// <summary>glibc's struct sigaction on LP64 (handler, 128-byte mask, flags, restorer); all zero is SIG_DFL.</summary>
    public const int SigActionSize = 152;
    public const nint SIG_DFL = 0, SIG_IGN = 1;

    // sigprocmask(2), signalfd(2): struct signalfd_siginfo is 128 bytes, the signal number first
    public const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SFD_NONBLOCK = 0x800, SFD_CLOEXEC = 0x80000, SignalInfoSize = 128;

    public const int CLOCK_REALTIME = 0;

    // getrlimit(2)
    public const int RLIMIT_NOFILE = 7;

    /// <summary>The rlimit value meaning "no limit".</summary>
    public const ulong RLIM_INFINITY = ulong.MaxValue;
}
