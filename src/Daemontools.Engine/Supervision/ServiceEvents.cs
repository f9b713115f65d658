using Daemontools.Engine.Interop;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise/event, a fifodir (s6's servicedir/event, kept inside supervise/ so the service directory
/// itself is left as 0.76 leaves it): each listener (svwait) owns a pipe in it, and supervise writes
/// one letter per event, after the status that shows it, with s6-supervise's letters:
/// s supervise started, u ./run started, U ready, d ./run died, O permanent failure,
/// D down and ./finish done (right after d when there is no ./finish), x supervise exits.
/// <para>
/// Made 03730 with supervise's group, as s6 makes its own: the owner and that group may subscribe.
/// Debian's supervise writes no events, and a directory once run by ours keeps the fifodir, so
/// supervise holds an exclusive flock on it for its whole life: a listener that finds the lock free
/// knows nobody will write, and watches supervise/status instead (<see cref="Listen"/>).
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
    /// Makes supervise/event if missing and locks it; null when that fails (a read-only supervise/):
    /// listeners then fall back to watching the status. Pipes left by killed listeners are removed
    /// by the first event, the start.
    /// </summary>
    public static ServiceEvents? Open()
    {
        if (FileSystem.MakeDirectory(DirectoryName, FileModes.PrivateDirectory) == Errno.None)
        {
            FileSystem.SetMode(DirectoryName, Mode); // mkdir drops the set-group-id bit and passes through the umask
        }
        if (FileSystem.OpenDirectory(FileSystem.WorkingDirectory, DirectoryName, out Descriptor fd) != Errno.None) return null;
        // A listener's probe holds the shared lock for an instant: wait for it.
        if (FileLock.Lock(fd, wait: true) != Errno.None)
        {
            fd.Close();
            return null;
        }
        // Held, like supervise/lock, until the process exits; close-on-exec keeps it from ./run.
        return new ServiceEvents();
    }

    /// <summary>
    /// Listens to the events of the supervise running on <paramref name="directory"/>; null when none
    /// of ours holds its fifodir (Debian's supervise, or none), so the caller must watch the status.
    /// Subscribe before reading the status: no event after that read is then missed.
    /// </summary>
    public static Errno Listen(string directory, out FifoListener? listener)
    {
        listener = null;
        string events = directory.EndsWith('/') ? directory + DirectoryName : directory + "/" + DirectoryName;
        Errno errno = FileSystem.OpenDirectory(FileSystem.WorkingDirectory, events, out Descriptor fd);
        if (errno != Errno.None) return errno is Errno.ENOENT or Errno.EACCES or Errno.ENOTDIR ? Errno.None : errno;
        bool held = FileLock.Lock(fd, wait: false, shared: true) == Errno.EAGAIN;
        fd.Close(); // also lets go of the shared lock if this probe took it
        return held ? FifoDirectory.Listen(events, out listener) : Errno.None;
    }

    /// <summary>Sends the letters for what changed since the last status written (call after writing it).</summary>
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
        if (n > 0) FifoDirectory.Notify(DirectoryName, letters[..n]);
    }

    /// <summary>Sends x: supervise exits now (its lock goes with it).</summary>
    public void Exiting() => FifoDirectory.Notify(DirectoryName, "x"u8);
}
