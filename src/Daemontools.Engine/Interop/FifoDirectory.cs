using System.Globalization;
using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// A fifodir (s6's rendez-vous of one notifier and its listeners): each listener owns a named pipe
/// in the directory, named <see cref="ListenerPrefix"/>..., and the notifier writes every event
/// byte to each of them. Beyond s6, a pipe named <see cref="StatusListenerPrefix"/>... is woken by
/// every call, events or not (a status written with no event to name it, such as a pause), so that
/// the event pipes carry exactly s6's letters. A pipe nobody reads any more (its listener was killed) makes the open
/// fail with ENXIO, and the notifier unlinks it then: that is how stale pipes go away. A pipe still
/// under its dotted name whose maker is dead (killed between making and renaming it) goes the same
/// way; s6's notifier leaves those for ever.
/// </summary>
internal static unsafe partial class FifoDirectory
{
    /// <summary>How a listener's pipe is named; a pipe being made has a dot before it, and other names are left alone.</summary>
    public const string ListenerPrefix = "listener-";

    /// <summary>How the pipe of a listener to every call is named (dotted likewise while being made).</summary>
    public const string StatusListenerPrefix = "status-";

    private static ReadOnlySpan<byte> MakingPrefix => ".listener-"u8;

    private static ReadOnlySpan<byte> MakingStatusPrefix => ".status-"u8;

    // What a status listener's pipe gets from a call without events.
    private static ReadOnlySpan<byte> Nudge => "."u8;

    // Enough for the few listeners a service has at once; more take further getdents calls.
    private const int ListingBufferSize = 1024;

    /// <summary>
    /// Writes <paramref name="events"/> to every listener's pipe in <paramref name="directory"/> (and
    /// to every status listener's, a byte even when there are no events) and unlinks the pipes that
    /// have no reader. Only FIFOs are written to, never through a symlink: a listener may be less
    /// trusted than the notifier.
    /// </summary>
    public static Errno Notify(string directory, ReadOnlySpan<byte> events)
    {
        using var reader = new DirectoryReader(ListingBufferSize);
        Errno errno = reader.Open(directory);
        if (errno != Errno.None) return errno;
        ReadOnlySpan<byte> prefix = "listener-"u8, statusPrefix = "status-"u8;
        while (reader.Next(out ReadOnlySpan<byte> name))
        {
            if (name.StartsWith(MakingPrefix) || name.StartsWith(MakingStatusPrefix))
            {
                RemoveIfAbandoned(reader.Directory, name);
                continue;
            }
            bool status = name.StartsWith(statusPrefix);
            if (!status && (events.IsEmpty || !name.StartsWith(prefix))) continue;
            errno = FileSystem.OpenAt(reader.Directory, name, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0, out Descriptor fd);
            if (errno == Errno.ENXIO)
            {
                Unlink(reader.Directory, name);
                continue;
            }
            if (errno != Errno.None) continue;
            // EAGAIN (a full pipe) loses nothing that matters: the listener has events to read already.
            if (fd.Stat(out FileFacts facts) == Errno.None && facts.IsFifo) fd.Write(events.IsEmpty ? Nudge : events, out _);
            fd.Close();
        }
        return reader.Close();
    }

    /// <summary>
    /// Makes a pipe in <paramref name="directory"/> and listens on it. It is made under a dotted name,
    /// opened, and only then renamed to a listener's name, so a notifier never finds it unread and
    /// takes it for stale.
    /// </summary>
    public static Errno Listen(string directory, out FifoListener? listener, string prefix = ListenerPrefix)
    {
        listener = null;
        // The pid keeps live listeners apart; the random part, the pipes of one process and a dead one's leftovers.
        string name = string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId}-{Random.Shared.NextInt64():x}");
        string making = directory + "/." + name, path = directory + "/" + name;
        // rw--w--w-: the notifier may run as another user; only the listener reads.
        const UnixFileMode mode = FileModes.PrivateFile | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        Errno errno = Fifo.Make(making, mode);
        if (errno != Errno.None) return errno;
        FileSystem.SetMode(making, mode); // mkfifo's mode passes through the umask
        errno = Fifo.OpenReader(FileSystem.WorkingDirectory, making, out Descriptor read);
        Descriptor write = Descriptor.None;
        // Our own writer keeps the pipe from reporting end-of-file (and so waking poll) between events.
        if (errno == Errno.None) errno = Fifo.OpenWriter(FileSystem.WorkingDirectory, making, out write);
        if (errno == Errno.None) errno = FileSystem.Rename(making, path);
        if (errno != Errno.None)
        {
            FileSystem.Unlink(making);
            if (read.IsValid) read.Close();
            if (write.IsValid) write.Close();
            return errno;
        }
        listener = new FifoListener(path, read, write);
        return Errno.None;
    }

    /// <summary>
    /// Unlinks a dotted pipe nobody reads whose maker (the pid in its name) is gone. A live maker is
    /// between making and opening it, so its pipe is kept, even with no reader yet.
    /// </summary>
    private static void RemoveIfAbandoned(Descriptor directory, ReadOnlySpan<byte> name)
    {
        ReadOnlySpan<byte> rest = name[(name.StartsWith(MakingPrefix) ? MakingPrefix : MakingStatusPrefix).Length..];
        int end = rest.IndexOf((byte)'-');
        if (end <= 0 || !int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || Signals.Exists(pid)) return;
        Errno errno = FileSystem.OpenAt(directory, name, Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0, out Descriptor fd);
        if (errno == Errno.ENXIO) Unlink(directory, name);
        else if (errno == Errno.None) fd.Close();
    }

    private static void Unlink(Descriptor directory, ReadOnlySpan<byte> name)
    {
        Span<byte> buffer = stackalloc byte[PathName.StackLength];
        fixed (byte* p = PathName.Encode(name, buffer)) unlinkat(directory.Number, p, 0);
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int unlinkat(int directory, byte* path, int flags);
}
