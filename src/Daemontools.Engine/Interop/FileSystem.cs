using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Paths and directories: open (with the originals' open_read, open_write, open_append and
/// open_trunc flags), stat, mkdir, rename (also without replacing, or swapping two names), link,
/// unlink, chmod, chown, access, chdir, umask. Every
/// call reports errno as <see cref="Errno"/> for the caller to word; every descriptor is opened
/// close-on-exec (the originals mark theirs with coe()) unless asked to be inheritable.
/// </summary>
internal static unsafe partial class FileSystem
{
    /// <summary>The working directory, for the *at calls.</summary>
    public static readonly Descriptor WorkingDirectory = new(Linux.AT_FDCWD);

    /// <summary>open_read: read-only, non-blocking.</summary>
    public static Errno OpenRead(string path, out Descriptor fd) => Open(path, Linux.O_RDONLY | Linux.O_NONBLOCK, 0, out fd);

    /// <summary>open_write: write-only, non-blocking, not created.</summary>
    public static Errno OpenWrite(string path, out Descriptor fd) => Open(path, Linux.O_WRONLY | Linux.O_NONBLOCK, 0, out fd);

    /// <summary>open_append: write-only, non-blocking, appending, created 0600 (before umask); inheritable across exec if asked (setlock's lock).</summary>
    public static Errno OpenAppend(string path, out Descriptor fd, bool inheritable = false) =>
        OpenAt(WorkingDirectory, path, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_APPEND | Linux.O_CREAT | (inheritable ? 0 : Linux.O_CLOEXEC), FileModes.PrivateFile, out fd);

    /// <summary>open_trunc: write-only, non-blocking, truncated, created 0644 (before umask).</summary>
    public static Errno OpenTruncate(string path, out Descriptor fd) =>
        Open(path, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_TRUNC | Linux.O_CREAT, FileModes.Readable, out fd);

    /// <summary>A directory opened for reading (for fsync, for listing, and as proof that it is one).</summary>
    public static Errno OpenDirectory(Descriptor directory, string path, out Descriptor fd) =>
        OpenAt(directory, path, Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0, out fd);

    /// <summary>open(path, O_PATH|O_DIRECTORY): a handle on a directory that fails where chdir would (ENOENT, ENOTDIR, ELOOP).</summary>
    public static Errno OpenDirectoryPath(string path, out Descriptor fd) =>
        OpenAt(WorkingDirectory, path, Linux.O_PATH | Linux.O_DIRECTORY | Linux.O_CLOEXEC, 0, out fd);

    /// <summary>open(2) with <paramref name="flags"/> and O_CLOEXEC.</summary>
    public static Errno Open(string path, int flags, UnixFileMode mode, out Descriptor fd) =>
        OpenAt(WorkingDirectory, path, flags | Linux.O_CLOEXEC, mode, out fd);

    /// <summary>openat(2) relative to <paramref name="directory"/> with exactly <paramref name="flags"/>.</summary>
    public static Errno OpenAt(Descriptor directory, string path, int flags, UnixFileMode mode, out Descriptor fd)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            return OpenAt(directory, p, flags, mode, out fd);
        }
    }

    /// <summary>openat(2) of a raw name (bytes as readdir gave them) relative to <paramref name="directory"/>.</summary>
    public static Errno OpenAt(Descriptor directory, ReadOnlySpan<byte> name, int flags, UnixFileMode mode, out Descriptor fd)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(name, buffer))
        {
            return OpenAt(directory, p, flags, mode, out fd);
        }
    }

    /// <summary>stat(2) following symlinks.</summary>
    public static Errno Stat(string path, out FileFacts facts) => StatAt(WorkingDirectory, path, out facts);

    /// <summary>statx(2) relative to <paramref name="directory"/>, following symlinks unless <paramref name="flags"/> say otherwise.</summary>
    public static Errno StatAt(Descriptor directory, string path, out FileFacts facts, int flags = 0)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer)) return StatAt(directory, p, out facts, flags);
    }

    /// <summary>statx(2) of a raw name (bytes as a directory listing gave them, or a path built from them), following symlinks.</summary>
    public static Errno StatAt(Descriptor directory, ReadOnlySpan<byte> name, out FileFacts facts)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(name, buffer)) return StatAt(directory, p, out facts, 0);
    }

    private static Errno StatAt(Descriptor directory, byte* path, out FileFacts facts, int flags)
    {
        Statx st;
        if (statx(directory.Number, path, flags, Linux.STATX_BASIC_STATS | Linux.STATX_BTIME, &st) != 0)
        {
            facts = default;
            return LastError.Value;
        }
        bool born = (st.Mask & Linux.STATX_BTIME) != 0;
        facts = new FileFacts(st.Mode, (long)st.Size, st.Links, ((ulong)st.DeviceMajor << 32) | st.DeviceMinor, st.Inode,
            st.Owner, born ? st.BirthSeconds : 0, born ? st.BirthNanoseconds : 0);
        return Errno.None;
    }

    /// <summary>mkdir(2).</summary>
    public static Errno MakeDirectory(string path, UnixFileMode mode) => Call(path, (uint)mode, &mkdir);

    /// <summary>rename(2): atomic replacement of <paramref name="to"/>.</summary>
    public static Errno Rename(string from, string to) => Call(from, to, &rename);

    /// <summary>renameat2(2) with RENAME_NOREPLACE: <paramref name="from"/> takes the name <paramref name="to"/> only if nothing has it (EEXIST otherwise).</summary>
    public static Errno RenameNoReplace(string from, string to) => Call(from, to, Linux.RENAME_NOREPLACE, &renameat2);

    /// <summary>renameat2(2) with RENAME_EXCHANGE: <paramref name="first"/> and <paramref name="second"/> swap names in one step.</summary>
    public static Errno Exchange(string first, string second) => Call(first, second, Linux.RENAME_EXCHANGE, &renameat2);

    /// <summary>link(2).</summary>
    public static Errno Link(string existing, string newName) => Call(existing, newName, &link);

    /// <summary>unlink(2).</summary>
    public static Errno Unlink(string path) => Call(path, &unlink);

    /// <summary>chmod(2).</summary>
    public static Errno SetMode(string path, UnixFileMode mode) => Call(path, (uint)mode, &chmod);

    /// <summary>lchown(2): gives <paramref name="path"/> (a link itself, never its target) to an owner and group.</summary>
    public static Errno SetOwner(string path, uint owner, uint group)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            return LastError.Of(lchown(p, owner, group));
        }
    }

    /// <summary>faccessat(dir, path, X_OK, AT_EACCESS): whether this process, by its effective ids, may search or execute it.</summary>
    public static Errno CheckSearchable(Descriptor directory, string path)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            return LastError.Of(faccessat(directory.Number, p, Linux.X_OK, Linux.AT_EACCESS));
        }
    }

    /// <summary>chdir(2) for the whole process.</summary>
    public static Errno ChangeDirectory(string path) => Call(path, &chdir);

    /// <summary>umask(2); returns the previous mask.</summary>
    public static UnixFileMode SetCreationMask(UnixFileMode mask) => (UnixFileMode)umask((uint)mask);

    /// <summary>A call on a path (encoded once, on the stack when short), its result as errno.</summary>
    private static Errno Call(string path, delegate*<byte*, int> call)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            return LastError.Of(call(p));
        }
    }

    internal static Errno Call(string path, uint mode, delegate*<byte*, uint, int> call)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(path, buffer))
        {
            return LastError.Of(call(p, mode));
        }
    }

    private static Errno Call(string first, string second, delegate*<byte*, byte*, int> call)
    {
        Span<byte> firstBuffer = stackalloc byte[PathName.StackLength];
        Span<byte> secondBuffer = stackalloc byte[PathName.StackLength];
        fixed (byte* f = PathName.Encode(first, firstBuffer))
        fixed (byte* s = PathName.Encode(second, secondBuffer))
        {
            return LastError.Of(call(f, s));
        }
    }

    private static Errno Call(string first, string second, uint flags, delegate*<int, byte*, int, byte*, uint, int> call)
    {
        Span<byte> firstBuffer = stackalloc byte[PathName.StackLength];
        Span<byte> secondBuffer = stackalloc byte[PathName.StackLength];
        fixed (byte* f = PathName.Encode(first, firstBuffer))
        fixed (byte* s = PathName.Encode(second, secondBuffer))
        {
            return LastError.Of(call(Linux.AT_FDCWD, f, Linux.AT_FDCWD, s, flags));
        }
    }

    private static Errno OpenAt(Descriptor directory, byte* path, int flags, UnixFileMode mode, out Descriptor fd)
    {
        int n;
        do n = openat(directory.Number, path, flags, (uint)mode);
        while (LastError.Interrupted(n));
        fd = new Descriptor(n);
        return LastError.Of(Math.Min(n, 0));
    }

    /// <summary>struct statx: the same layout on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(0)]
        public uint Mask;
        [FieldOffset(16)]
        public uint Links;
        [FieldOffset(20)]
        public uint Owner;
        [FieldOffset(28)]
        public ushort Mode;
        [FieldOffset(32)]
        public ulong Inode;
        [FieldOffset(40)]
        public ulong Size;
        [FieldOffset(80)]
        public long BirthSeconds;
        [FieldOffset(88)]
        public uint BirthNanoseconds;
        [FieldOffset(136)]
        public uint DeviceMajor;
        [FieldOffset(140)]
        public uint DeviceMinor;
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int openat(int directory, byte* path, int flags, uint mode);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int statx(int directory, byte* path, int flags, uint mask, Statx* buffer);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int mkdir(byte* path, uint mode);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int rename(byte* from, byte* to);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int renameat2(int fromDirectory, byte* from, int toDirectory, byte* to, uint flags);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int lchown(byte* path, uint owner, uint group);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int link(byte* existing, byte* newName);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int unlink(byte* path);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int chmod(byte* path, uint mode);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int faccessat(int directory, byte* path, int mode, int flags);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int chdir(byte* path);

    [LibraryImport(Linux.LibC)]
    private static partial uint umask(uint mask);
}
