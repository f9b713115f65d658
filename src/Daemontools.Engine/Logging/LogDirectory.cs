using Daemontools.Engine.Interop;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// One automatically rotated log directory and its on-disk protocol, as multilog 0.76 keeps it:
/// lock, current (0644 while written, 0744 once complete), @TAI64N.s and .u archives, state,
/// newstate, previous and processed for processors, and recovery of all of them after a crash.
/// After startup every failure is reported, paused on and retried; nothing is dropped.
/// </summary>
public sealed class LogDirectory : IDisposable
{
    /// <summary>current while it is written: 0644.</summary>
    private const UnixFileMode WritingMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>A complete file (current closed cleanly, previous, processed): 0744, the user-execute bit marking it complete.</summary>
    private const UnixFileMode CompleteMode = WritingMode | UnixFileMode.UserExecute;

    [ThreadStatic]
    private static long s_allocatedAtLastCollection;

    private readonly LogDirectorySettings _settings;
    private readonly string _path;
    private readonly IClock _clock;
    private readonly PausingRetry _retry;
    private Descriptor _directoryFd = Descriptor.None;
    private Descriptor _lockFd = Descriptor.None;
    private Descriptor _currentFd = Descriptor.None;

    private LogDirectory(LogDirectorySettings settings, string path, IClock clock, PausingRetry retry)
    {
        _settings = settings;
        _path = path;
        _clock = clock;
        _retry = retry;
    }

    /// <summary>The directory as the script names it.</summary>
    public string Name => _settings.Path;

    /// <summary>The settings in force for this directory.</summary>
    public LogDirectorySettings Settings => _settings;

    /// <summary>Bytes in current.</summary>
    public long Bytes { get; private set; }

    /// <summary>When the oldest line in current was written (null while it is empty): for rotation by age ('R').</summary>
    public DateTimeOffset? CurrentSince { get; private set; }

    /// <summary>
    /// Creates, locks and recovers the directory, then opens current for appending (restart() in
    /// 0.76). Throws <see cref="MultilogException"/> naming the step when it cannot.
    /// </summary>
    public static LogDirectory Open(LogDirectorySettings settings, MultilogOptions options) =>
        Open(settings, options, new PausingRetry(options));

    internal static LogDirectory Open(LogDirectorySettings settings, MultilogOptions options, PausingRetry retry)
    {
        string path = settings.Path.StartsWith('/') ? settings.Path : options.StartDirectory.TrimEnd('/') + "/" + settings.Path;
        var directory = new LogDirectory(settings, path, options.Clock, retry);
        try
        {
            directory.Restart();
            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private string In(string file) => _path + "/" + file;

    private string Shown(string file) => _settings.Path + "/" + file;

    private void Restart()
    {
        FileSystem.MakeDirectory(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // failure shows up in the open below
        Errno errno = FileSystem.OpenDirectory(FileSystem.WorkingDirectory, _path, out _directoryFd);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.OpenDirectory, Name, errno);
        errno = FileSystem.OpenAppend(In("lock"), out _lockFd);
        if (errno == Errno.None) errno = FileLock.Lock(_lockFd, wait: false);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.LockDirectory, Name, errno);

        errno = FileSystem.Stat(In("current"), out FileFacts current);
        if (errno is not (Errno.None or Errno.ENOENT)) throw new MultilogException(MultilogStep.Stat, Shown("current"), errno);
        if (errno == Errno.None && (current.Permissions & UnixFileMode.UserExecute) != 0)
        {
            // Closed cleanly last time: carry on appending to it.
            errno = FileSystem.OpenAppend(In("current"), out _currentFd);
            if (errno != Errno.None) throw new MultilogException(MultilogStep.Append, Shown("current"), errno);
            errno = _currentFd.SetMode(WritingMode);
            if (errno != Errno.None) throw new MultilogException(MultilogStep.SetMode, Shown("current"), errno);
            Bytes = current.Size;
            CurrentSince = Bytes > 0 ? DateTimeOffset.UtcNow : null;
            return;
        }

        // Recovery: current was not closed cleanly, or never existed.
        FileSystem.Unlink(In("state"));
        FileSystem.Unlink(In("newstate"));
        errno = FileSystem.Stat(In("processed"), out FileFacts processed);
        if (errno is not (Errno.None or Errno.ENOENT)) throw new MultilogException(MultilogStep.Stat, Shown("processed"), errno);
        if (errno == Errno.None && (processed.Permissions & UnixFileMode.UserExecute) != 0)
        {
            FileSystem.Unlink(In("previous"));
            Finish("processed", 's');
        }
        else
        {
            FileSystem.Unlink(In("processed"));
            Finish("previous", 'u');
        }
        Finish("current", 'u');

        errno = FileSystem.OpenTruncate(In("state"), out Descriptor state);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.Write, Shown("state"), errno);
        state.Close();
        errno = FileSystem.OpenAppend(In("current"), out _currentFd);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.Write, Shown("current"), errno);
        errno = _currentFd.SetMode(WritingMode);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.SetMode, Shown("current"), errno);
        Bytes = 0;
        CurrentSince = null;
    }

    /// <summary>Appends to current, pausing and retrying on any failure (disk full, EIO, ...).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (Bytes == 0 && !data.IsEmpty) CurrentSince = DateTimeOffset.UtcNow;
        while (!data.IsEmpty)
        {
            Errno errno = _currentFd.Write(data, out int n);
            if (n > 0)
            {
                data = data[n..];
                Bytes += n;
                continue;
            }
            _retry.Warn(LogWarningKind.Write, Name, "current", errno);
        }
    }

    /// <summary>
    /// fullcurrent(): fsync current, rename it to previous, start a new current, then archive
    /// previous as @TAI64N.s, through the processor when there is one.
    /// </summary>
    public void Rotate()
    {
        _retry.Until(() => _currentFd.Sync(), LogWarningKind.Sync, Name, "current");
        _currentFd.Close();
        _currentFd = Descriptor.None;
        _retry.Until(() => FileSystem.Rename(In("current"), In("previous")), LogWarningKind.RenameCurrent, Name, null);
        _retry.Until(() => FileSystem.OpenAppend(In("current"), out _currentFd), LogWarningKind.Create, Name, "current");
        Bytes = 0;
        CurrentSince = null;
        _retry.Until(() => _currentFd.SetMode(WritingMode), LogWarningKind.SetMode, Name, "current");
        _retry.Until(() => FileSystem.SetMode(In("previous"), CompleteMode), LogWarningKind.SetMode, Name, "previous");

        if (_settings.Processor is null)
        {
            Finish("previous", 's');
        }
        else
        {
            RunProcessor(_settings.Processor);
            SyncAndSetMode("processed", CompleteMode);
            SyncAndSetMode("newstate", null);
            _retry.Until(() => FileSystem.Unlink(In("previous")), LogWarningKind.Remove, Name, "previous");
            _retry.Until(() => FileSystem.Rename(In("newstate"), In("state")), LogWarningKind.RenameNewState, Name, null);
            Finish("processed", 's');
        }
        // Better than 0.76: make the renames themselves durable.
        _directoryFd.Sync();
        CollectGarbage();
    }

    /// <summary>
    /// A rotation allocates (names, directory listings) and nothing else does: collect once that
    /// adds up, so a long-running logger's memory stays flat instead of growing to the gen0 budget.
    /// </summary>
    private static void CollectGarbage()
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        if (allocated - s_allocatedAtLastCollection < 256 * 1024) return;
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        s_allocatedAtLastCollection = allocated;
    }

    /// <summary>c_quit(): fsync current and mark it complete (0744).</summary>
    public void Close()
    {
        if (!_currentFd.IsValid) return;
        _retry.Until(() => _currentFd.Sync(), LogWarningKind.Sync, Name, "current");
        _retry.Until(() => _currentFd.SetMode(CompleteMode), LogWarningKind.SetMode, Name, "current");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (Descriptor fd in new[] { _currentFd, _lockFd, _directoryFd })
        {
            if (fd.IsValid) fd.Close();
        }
        _currentFd = _lockFd = _directoryFd = Descriptor.None;
    }

    private void SyncAndSetMode(string file, UnixFileMode? mode)
    {
        Descriptor fd = Descriptor.None;
        _retry.Until(() => FileSystem.OpenAppend(In(file), out fd), LogWarningKind.Create, Name, file);
        _retry.Until(() => fd.Sync(), LogWarningKind.Sync, Name, file);
        if (mode is UnixFileMode m) _retry.Until(() => fd.SetMode(m), LogWarningKind.SetMode, Name, file);
        fd.Close();
    }

    private void RunProcessor(string processor)
    {
        while (true)
        {
            (ProcessorOutcome outcome, Errno errno) = ProcessorRun.Run(processor, _path);
            switch (outcome)
            {
                case ProcessorOutcome.Succeeded:
                    return;
                case ProcessorOutcome.CouldNotStart:
                    _retry.Warn(LogWarningKind.StartProcessor, Name, null, errno);
                    break;
                case ProcessorOutcome.Crashed:
                    // 0.76 falls through: "crashed" (with a stale errno), then "failed", two pauses.
                    _retry.Warn(LogWarningKind.ProcessorCrashed, Name, null, errno);
                    _retry.Warn(LogWarningKind.ProcessorFailed, Name, null, Errno.None);
                    break;
                default:
                    _retry.Warn(LogWarningKind.ProcessorFailed, Name, null, Errno.None);
                    break;
            }
        }
    }

    /// <summary>finish(): archive <paramref name="file"/> as @TAI64N.<paramref name="code"/>, then trim old files.</summary>
    private void Finish(string file, char code)
    {
        FileFacts facts;
        while (true)
        {
            Errno errno = FileSystem.Stat(In(file), out facts);
            if (errno == Errno.None) break;
            if (errno == Errno.ENOENT) return;
            _retry.Warn(LogWarningKind.Stat, Name, file, errno);
        }

        if (facts.Links == 1)
        {
            while (true)
            {
                string name = ArchiveName(code);
                Errno errno = FileSystem.Link(In(file), In(name));
                if (errno == Errno.None) break;
                _retry.Warn(LogWarningKind.Link, Name, name, errno);
            }
        }
        _retry.Until(() => FileSystem.Unlink(In(file)), LogWarningKind.Remove, Name, file);
        while (true)
        {
            Errno errno = OldFiles.Trim(_path, _settings.Count, _settings.TotalSize);
            if (errno == Errno.None) return;
            _retry.Warn(LogWarningKind.ReadDirectory, Name, null, errno);
        }
    }

    private string ArchiveName(char code)
    {
        Span<byte> label = stackalloc byte[Tai64NLabel.TextLength];
        _clock.Now().Format(label);
        return System.Text.Encoding.ASCII.GetString(label) + "." + code;
    }
}
