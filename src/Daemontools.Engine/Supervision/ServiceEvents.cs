using Daemontools.Engine.Interop;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise/event, a fifodir (s6's servicedir/event, kept inside supervise/ so the service directory
/// itself is left as 0.76 leaves it): each listener (svwait) owns a pipe in it, and supervise writes
/// one letter per event, after the status that shows it, with s6-supervise's letters:
/// s supervise started, u ./run started, U ready, d ./run died, O permanent failure,
/// D down and ./finish done (right after d when there is no ./finish), x supervise exits. A
/// status listener (the cmdlets' waits) is woken by every status write, evented or not.
/// <para>
/// Made 03730 with supervise's group, as s6 makes its own: the owner and that group may subscribe.
/// Debian's supervise writes no events, and a directory once run by ours keeps the fifodir, so ours
/// also holds a record lock (<see cref="RecordLock"/>) on supervise/lock, besides 0.76's flock: a
/// listener that finds no record lock knows nobody will write, and watches supervise/status instead
/// (<see cref="Listen"/>). The record lock rides on the flock's descriptor: no descriptor more, which
/// matters under a tight RLIMIT_NOFILE.
/// </para>
/// </summary>
internal sealed class ServiceEvents
{
    /// <summary>The fifodir, relative to the service directory.</summary>
    public const string DirectoryName = "supervise/event";

    private const UnixFileMode Mode = FileModes.PrivateDirectory | UnixFileMode.SetGroup | UnixFileMode.StickyBit | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;

    private bool _begun;
    private uint _pid;
    private Tai64NLabel _changed;
    private bool _ready;
    private bool _finishing;
    private bool _failed;

    /// <summary>
    /// Makes supervise/event if missing and marks <paramref name="superviseLock"/> (supervise/lock,
    /// flocked already) as ours; null when either fails (a read-only supervise/): listeners then
    /// fall back to watching the status. Pipes left by killed listeners are removed by the first
    /// event, the start.
    /// </summary>
    public static ServiceEvents? Open(Descriptor superviseLock)
    {
        if (FileSystem.MakeDirectory(DirectoryName, FileModes.PrivateDirectory) == Errno.None)
        {
            FileSystem.SetMode(DirectoryName, Mode); // mkdir drops the set-group-id bit and passes through the umask
        }
        if (FileSystem.Stat(DirectoryName, out FileFacts facts) != Errno.None || !facts.IsDirectory) return null;
        return RecordLock.Lock(superviseLock) == Errno.None ? new ServiceEvents() : null;
    }

    /// <summary>
    /// Listens to the events of the supervise running on <paramref name="directory"/> (to every status
    /// write with <paramref name="everyStatus"/>); null when none of ours runs there (Debian's
    /// supervise, or none), so the caller must watch the status. Subscribe before reading the
    /// status: no event after that read is then missed.
    /// </summary>
    public static Errno Listen(string directory, out FifoListener? listener, bool everyStatus = false)
    {
        listener = null;
        string prefix = directory.EndsWith('/') ? directory : directory + "/";
        Errno errno = FileSystem.OpenRead(prefix + ServiceDirectory.LockName, out Descriptor fd);
        if (errno != Errno.None) return errno is Errno.ENOENT or Errno.EACCES ? Errno.None : errno;
        errno = RecordLock.Test(fd, out bool ours);
        fd.Close();
        if (errno != Errno.None || !ours) return Errno.None;
        errno = FifoDirectory.Listen(prefix + DirectoryName, out listener, everyStatus ? FifoDirectory.StatusListenerPrefix : FifoDirectory.ListenerPrefix);
        // No fifodir after all (removed by hand, unwritable): the status is still there to watch.
        return errno is Errno.ENOENT or Errno.EACCES or Errno.ENOTDIR ? Errno.None : errno;
    }

    /// <summary>Sends the letters for what changed since the last status written, and wakes the status listeners (call after writing it).</summary>
    public void Announce(StatusRecord record, StatusExtension? extension)
    {
        bool finishing = extension is { IsFinishing: true }, ready = extension is { IsReady: true }, failed = extension is { HasFailed: true };
        // A new stamp with the same pid is a death and a start in one step (pid reuse).
        bool restarted = _pid != 0 && record.ProcessId == _pid && record.Changed != _changed;
        bool died = _pid != 0 && (record.ProcessId != _pid || restarted);
        bool started = record.ProcessId != 0 && (record.ProcessId != _pid || restarted);
        Span<byte> letters = stackalloc byte[6];
        int n = 0;
        if (!_begun) letters[n++] = (byte)'s';
        if (died) letters[n++] = (byte)'d';
        if (failed && !_failed) letters[n++] = (byte)'O';
        if ((died && !finishing) || (_finishing && !finishing)) letters[n++] = (byte)'D';
        if (started) letters[n++] = (byte)'u';
        if (ready && (!_ready || started)) letters[n++] = (byte)'U';
        _begun = true;
        _pid = record.ProcessId;
        _changed = record.Changed;
        _ready = ready;
        _finishing = finishing;
        _failed = failed;
        FifoDirectory.Notify(DirectoryName, letters[..n]);
    }

    /// <summary>Sends x: supervise exits now (its lock goes with it).</summary>
    public void Exiting() => FifoDirectory.Notify(DirectoryName, "x"u8);
}
