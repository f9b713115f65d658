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
    private const UnixFileMode WritingMode = FileModes.Readable;

    /// <summary>A complete file (current closed cleanly, previous, processed): 0744, the user-execute bit marking it complete.</summary>
    private const UnixFileMode CompleteMode = WritingMode | UnixFileMode.UserExecute;

    [ThreadStatic]
    private static long s_allocatedAtLastCollection;

    private readonly LogDirectorySettings _settings;
    private readonly string _path;
    private readonly IClock _clock;
    private readonly PausingRetry _retry;
    private readonly Action<FaultPoint>? _fault;
    private Descriptor _lockFd = Descriptor.None;
    private Descriptor _currentFd = Descriptor.None;

    private LogDirectory(LogDirectorySettings settings, string path, MultilogOptions options, PausingRetry retry)
    {
        _settings = settings;
        _path = path;
        _clock = options.Clock;
        _retry = retry;
        _fault = options.Fault;
    }

    /// <summary>The directory as the script names it.</summary>
    public string Name => _settings.Path;

    /// <summary>The settings in force for this directory.</summary>
    public LogDirectorySettings Settings => _settings;

    /// <summary>Bytes in current.</summary>
    public long Bytes { get; private set; }

    /// <summary>When the oldest line in current was written (null while it is empty): for rotation by age ('R').</summary>
    public DateTimeOffset? CurrentSince { get; private set; }

    /// <summary>The full path of the directory.</summary>
    internal string FullPath => _path;

    /// <summary>What statx says of the directory itself: its identity (device, inode, birth) for the journal.</summary>
    internal FileFacts Facts { get; private set; }

    /// <summary>The inode of current.</summary>
    internal ulong CurrentInode { get; private set; }

    /// <summary>
    /// Called during a rotation once the new current exists and before the old one is processed
    /// or archived, with the old one's final size: the journal records the switch here.
    /// </summary>
    internal Action<long>? Replaced { get; set; }

    /// <summary>
    /// Creates, locks and recovers the directory, then opens current for appending (restart() in
    /// 0.76). Throws <see cref="MultilogException"/> naming the step when it cannot.
    /// </summary>
    public static LogDirectory Open(LogDirectorySettings settings, MultilogOptions options) =>
        Open(settings, options, new PausingRetry(options));

    internal static LogDirectory Open(LogDirectorySettings settings, MultilogOptions options, PausingRetry retry)
    {
        LogDirectory directory = Lock(settings, options, retry);
        try
        {
            directory.Recover();
            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Creates and locks the directory, leaving its files as they are (for the journal to measure) until <see cref="Recover"/>.</summary>
    internal static LogDirectory Lock(LogDirectorySettings settings, MultilogOptions options, PausingRetry retry)
    {
        string path = settings.Path.StartsWith('/') ? settings.Path : options.StartDirectory.TrimEnd('/') + "/" + settings.Path;
        var directory = new LogDirectory(settings, path, options, retry);
        try
        {
            directory.TakeLock();
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

    private void TakeLock()
    {
        FileSystem.MakeDirectory(_path, FileModes.PrivateDirectory); // failure shows up in the open below
        // Opened to prove it is one, then again for each rotation: a descriptor kept is one fewer under softlimit -o.
        Errno errno = FileSystem.OpenDirectory(FileSystem.WorkingDirectory, _path, out Descriptor directoryFd);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.OpenDirectory, Name, errno);
        errno = directoryFd.Stat(out FileFacts facts);
        directoryFd.Close();
        if (errno != Errno.None) throw new MultilogException(MultilogStep.OpenDirectory, Name, errno);
        Facts = facts;
        errno = FileSystem.OpenAppend(In("lock"), out _lockFd);
        if (errno == Errno.None) errno = FileLock.Lock(_lockFd, wait: false);
        if (errno != Errno.None) throw new MultilogException(MultilogStep.LockDirectory, Name, errno);
    }

    /// <summary>
    /// How many bytes a transaction has written here since <paramref name="entry"/> was recorded,
    /// read from the files a kill left (current, or previous when it fell inside a rotation);
    /// -1 when neither is the file the entry names. An entry naming no file (inode 0) has nothing
    /// written. A line the kill cut short in current is cut off (back to the last newline the
    /// transaction wrote), so that it is written again whole rather than finished in the next file.
    /// </summary>
    internal long Written(in JournalEntry entry)
    {
        if (entry.FileInode == 0) return 0;
        if (FileSystem.Stat(In("current"), out FileFacts current) == Errno.None && current.Inode == entry.FileInode)
        {
            if (current.Size < entry.Start) return -1;
            return entry.Done + CutToLine(entry.Start, current.Size) - entry.Start;
        }
        if (FileSystem.Stat(In("previous"), out FileFacts previous) == Errno.None && previous.Inode == entry.FileInode)
        {
            return previous.Size >= entry.Start ? entry.Done + previous.Size - entry.Start : -1;
        }
        return -1;
    }

    /// <summary>Truncates current after the last newline in [<paramref name="start"/>, <paramref name="size"/>) (to start when there is none); the new size.</summary>
    private long CutToLine(long start, long size)
    {
        if (size == start || FileSystem.Open(In("current"), Linux.O_RDWR, 0, out Descriptor fd) != Errno.None) return size;
        try
        {
            byte[] chunk = new byte[4096];
            long end = size;
            while (end > start)
            {
                int want = (int)Math.Min(chunk.Length, end - start);
                if (fd.ReadAt(chunk.AsSpan(0, want), end - want, out int got) != Errno.None || got != want) return size;
                int newline = chunk.AsSpan(0, want).LastIndexOf((byte)'\n');
                if (newline >= 0)
                {
                    end = end - want + newline + 1;
                    break;
                }
                end -= want;
            }
            if (end == size || fd.Truncate(end) != Errno.None) return size;
            return end;
        }
        finally
        {
            fd.Close();
        }
    }

    /// <summary>restart() in 0.76: carry on with a cleanly closed current, or recover what a crash left and start a new one.</summary>
    internal void Recover()
    {
        Errno errno = FileSystem.Stat(In("current"), out FileFacts current);
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
            NoteCurrentInode();
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
        NoteCurrentInode();
    }

    private void NoteCurrentInode() => CurrentInode = _currentFd.Stat(out FileFacts facts) == Errno.None ? facts.Inode : 0;

    /// <summary>Appends to current, pausing and retrying on any failure (disk full, EIO, ...).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (Bytes == 0 && !data.IsEmpty) CurrentSince = DateTimeOffset.UtcNow;
        while (!data.IsEmpty)
        {
            // The test seam splits each write so that a kill can land inside one.
            int size = _fault is not null && data.Length > 1 ? data.Length / 2 : data.Length;
            Errno errno = _currentFd.Write(data[..size], out int n);
            if (n > 0)
            {
                data = data[n..];
                Bytes += n;
                _fault?.Invoke(data.IsEmpty ? FaultPoint.Appended : FaultPoint.PartlyAppended);
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
        _fault?.Invoke(FaultPoint.CurrentSynced);
        _currentFd.Close();
        _currentFd = Descriptor.None;
        long finalSize = Bytes;
        _retry.Until(() => FileSystem.Rename(In("current"), In("previous")), LogWarningKind.RenameCurrent, Name, null);
        _fault?.Invoke(FaultPoint.CurrentRenamed);
        _retry.Until(() => FileSystem.OpenAppend(In("current"), out _currentFd), LogWarningKind.Create, Name, "current");
        Bytes = 0;
        CurrentSince = null;
        _retry.Until(() => _currentFd.SetMode(WritingMode), LogWarningKind.SetMode, Name, "current");
        _retry.Until(() => FileSystem.SetMode(In("previous"), CompleteMode), LogWarningKind.SetMode, Name, "previous");
        NoteCurrentInode();
        _fault?.Invoke(FaultPoint.CurrentCreated);
        if (Replaced is not null)
        {
            Replaced(finalSize);
            _fault?.Invoke(FaultPoint.RotationRecorded);
        }

        if (_settings.Processor is null)
        {
            Finish("previous", 's');
        }
        else
        {
            RunProcessor(_settings.Processor);
            _fault?.Invoke(FaultPoint.ProcessorRan);
            SyncAndSetMode("processed", CompleteMode);
            SyncAndSetMode("newstate", null);
            _retry.Until(() => FileSystem.Unlink(In("previous")), LogWarningKind.Remove, Name, "previous");
            _retry.Until(() => FileSystem.Rename(In("newstate"), In("state")), LogWarningKind.RenameNewState, Name, null);
            Finish("processed", 's');
        }
        // Better than 0.76: make the renames themselves durable.
        if (FileSystem.OpenDirectory(FileSystem.WorkingDirectory, _path, out Descriptor directoryFd) == Errno.None)
        {
            directoryFd.Sync();
            directoryFd.Close();
        }
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
        if (_currentFd.IsValid) _currentFd.Close();
        if (_lockFd.IsValid) _lockFd.Close();
        _currentFd = _lockFd = Descriptor.None;
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

        if (code == 'u' && facts.Size == 0)
        {
            // Nothing was lost: an empty leftover is removed rather than archived (0.76 keeps it as an empty .u).
        }
        else if (facts.Links == 1)
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
        _fault?.Invoke(FaultPoint.Archived);
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
