using Daemontools.Engine.Interop;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Logging;

/// <summary>
/// One automatically rotated log directory and its on-disk protocol, as multilog 0.76 keeps it:
/// lock, current (0644 while written, 0744 once complete), @TAI64N.s and .u archives, state,
/// newstate, previous and processed for processors, and recovery of all of them after a crash.
/// After startup every failure is reported, paused on and retried; nothing is dropped.
/// </summary>
public sealed class LogDirectory : IDisposable
{
    private const uint UserExecute = 0x40; // 0100
    private const uint WritingMode = 0x1a4; // 0644
    private const uint CompleteMode = 0x1e4; // 0744

    [ThreadStatic]
    private static long s_allocatedAtLastCollection;

    private readonly LogDirectorySettings _settings;
    private readonly string _path;
    private readonly IClock _clock;
    private readonly PausingRetry _retry;
    private readonly Action<FaultPoint>? _fault;
    private int _lockFd = -1;
    private int _currentFd = -1;

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

    /// <summary>The directory's device and inode: the journal's name for it.</summary>
    internal FileIdentity Identity { get; private set; }

    /// <summary>The inode of current.</summary>
    internal ulong CurrentInode { get; private set; }

    /// <summary>
    /// Called during a rotation once the new current exists and before the old one is processed
    /// or archived, with the old one's final size: the journal records the switch here.
    /// </summary>
    internal Action<long>? Replaced { get; set; }

    /// <summary>
    /// Creates, locks and recovers the directory, then opens current for appending (restart() in
    /// 0.76). Throws <see cref="MultilogException"/> in the original's words when it cannot.
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

    internal string In(string file) => _path + "/" + file;

    internal string Shown(string file) => _settings.Path + "/" + file;

    private void TakeLock()
    {
        FileSystemCalls.MakeDirectory(_path, 0x1c0); // 0700; failure shows up in the open below
        int directoryFd = FileSystemCalls.OpenDirectory(_path, out int errno);
        if (directoryFd < 0) throw new MultilogException($"unable to open directory {Name}", errno);
        Descriptor.Close(directoryFd); // opened again for each rotation: a descriptor kept is one fewer under softlimit -o
        if (!FileIdentity.TryStat(_path, out FileIdentity identity, out errno)) throw new MultilogException($"unable to open directory {Name}", errno);
        Identity = identity;
        _lockFd = FileSystemCalls.OpenAppend(In("lock"), out errno);
        if (_lockFd < 0 || !FileLock.TryLock(_lockFd, wait: false, out errno))
        {
            throw new MultilogException($"unable to lock directory {Name}", errno);
        }
    }

    /// <summary>
    /// How many bytes a transaction has written here since <paramref name="entry"/> was recorded,
    /// read from the files the crash left (current, or previous when it fell inside a rotation);
    /// -1 when neither is the file the entry names. An entry naming no file (inode 0) has nothing written.
    /// </summary>
    internal long Written(in JournalEntry entry)
    {
        if (entry.FileInode == 0) return 0; // recorded while no file was receiving: nothing written since
        foreach (string file in (ReadOnlySpan<string>)["current", "previous"])
        {
            if (JournalFileCalls.SizeAndInode(In(file), out long size, out ulong inode) != 0 || inode != entry.FileInode) continue;
            return size >= entry.Start ? entry.Done + size - entry.Start : -1;
        }
        return -1;
    }

    /// <summary>restart() in 0.76: carry on with a cleanly closed current, or recover what a crash left and start a new one.</summary>
    internal void Recover()
    {
        int errno = FileSystemCalls.Stat(In("current"), out FileFacts current);
        if (errno != 0 && errno != Errno.ENOENT) throw new MultilogException($"unable to stat {Shown("current")}", errno);
        if (errno == 0 && (current.Mode & UserExecute) != 0)
        {
            // Closed cleanly last time: carry on appending to it.
            _currentFd = FileSystemCalls.OpenAppend(In("current"), out errno);
            if (_currentFd < 0) throw new MultilogException($"unable to append to {Shown("current")}", errno);
            errno = FileSystemCalls.SetMode(_currentFd, WritingMode);
            if (errno != 0) throw new MultilogException($"unable to set mode of {Shown("current")}", errno);
            Bytes = current.Size;
            CurrentSince = Bytes > 0 ? DateTimeOffset.UtcNow : null;
            NoteCurrentInode();
            return;
        }

        // Recovery: current was not closed cleanly, or never existed.
        FileSystemCalls.Unlink(In("state"));
        FileSystemCalls.Unlink(In("newstate"));
        errno = FileSystemCalls.Stat(In("processed"), out FileFacts processed);
        if (errno != 0 && errno != Errno.ENOENT) throw new MultilogException($"unable to stat {Shown("processed")}", errno);
        if (errno == 0 && (processed.Mode & UserExecute) != 0)
        {
            FileSystemCalls.Unlink(In("previous"));
            Finish("processed", 's');
        }
        else
        {
            FileSystemCalls.Unlink(In("processed"));
            Finish("previous", 'u');
        }
        Finish("current", 'u');

        int state = FileSystemCalls.OpenTruncate(In("state"), out errno);
        if (state < 0) throw new MultilogException($"unable to write to {Shown("state")}", errno);
        Descriptor.Close(state);
        _currentFd = FileSystemCalls.OpenAppend(In("current"), out errno);
        if (_currentFd < 0) throw new MultilogException($"unable to write to {Shown("current")}", errno);
        errno = FileSystemCalls.SetMode(_currentFd, WritingMode);
        if (errno != 0) throw new MultilogException($"unable to set mode of {Shown("current")}", errno);
        Bytes = 0;
        CurrentSince = null;
        NoteCurrentInode();
    }

    private void NoteCurrentInode()
    {
        CurrentInode = JournalFileCalls.InodeOf(_currentFd);
    }

    /// <summary>Appends to current, pausing and retrying on any failure (disk full, EIO, ...).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (Bytes == 0 && !data.IsEmpty) CurrentSince = DateTimeOffset.UtcNow;
        while (!data.IsEmpty)
        {
            // The test seam splits each write so that a kill can land inside one.
            int size = _fault is not null && data.Length > 1 ? data.Length / 2 : data.Length;
            int n = FileSystemCalls.Write(_currentFd, data[..size], out int errno);
            if (n > 0)
            {
                data = data[n..];
                Bytes += n;
                _fault?.Invoke(data.IsEmpty ? FaultPoint.Appended : FaultPoint.PartlyAppended);
                continue;
            }
            _retry.Warn($"unable to write to {Shown("current")}, pausing", errno);
        }
    }

    /// <summary>
    /// fullcurrent(): fsync current, rename it to previous, start a new current, then archive
    /// previous as @TAI64N.s, through the processor when there is one.
    /// </summary>
    public void Rotate()
    {
        _retry.Until(() => FileSystemCalls.Sync(_currentFd), $"unable to write {Shown("current")} to disk, pausing");
        _fault?.Invoke(FaultPoint.CurrentSynced);
        Descriptor.Close(_currentFd);
        _currentFd = -1;
        long finalSize = Bytes;
        _retry.Until(() => FileNative.Rename(In("current"), In("previous")), $"unable to rename current to previous in directory {Name}, pausing");
        _fault?.Invoke(FaultPoint.CurrentRenamed);
        _retry.Until(
            () =>
            {
                _currentFd = FileSystemCalls.OpenAppend(In("current"), out int errno);
                return _currentFd < 0 ? errno : 0;
            },
            $"unable to create {Shown("current")}, pausing");
        Bytes = 0;
        CurrentSince = null;
        _retry.Until(() => FileSystemCalls.SetMode(_currentFd, WritingMode), $"unable to set mode of {Shown("current")}, pausing");
        _retry.Until(() => FileSystemCalls.SetMode(In("previous"), CompleteMode), $"unable to set mode of {Shown("previous")}, pausing");
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
            _retry.Until(() => FileSystemCalls.Unlink(In("previous")), $"unable to remove {Shown("previous")}, pausing");
            _retry.Until(() => FileNative.Rename(In("newstate"), In("state")), $"unable to rename newstate to state in directory {Name}, pausing");
            Finish("processed", 's');
        }
        // Better than 0.76: make the renames themselves durable.
        int directoryFd = FileSystemCalls.OpenDirectory(_path, out _);
        if (directoryFd >= 0)
        {
            FileSystemCalls.Sync(directoryFd);
            Descriptor.Close(directoryFd);
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
        if (_currentFd < 0) return;
        _retry.Until(() => FileSystemCalls.Sync(_currentFd), $"unable to write {Shown("current")} to disk, pausing");
        _retry.Until(() => FileSystemCalls.SetMode(_currentFd, CompleteMode), $"unable to set mode of {Shown("current")}, pausing");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_currentFd >= 0) Descriptor.Close(_currentFd);
        if (_lockFd >= 0) Descriptor.Close(_lockFd);
        _currentFd = _lockFd = -1;
    }

    private void SyncAndSetMode(string file, uint? mode)
    {
        int fd = -1;
        _retry.Until(
            () =>
            {
                fd = FileSystemCalls.OpenAppend(In(file), out int errno);
                return fd < 0 ? errno : 0;
            },
            $"unable to create {Shown(file)}, pausing");
        _retry.Until(() => FileSystemCalls.Sync(fd), $"unable to write {Shown(file)} to disk, pausing");
        if (mode is uint m) _retry.Until(() => FileSystemCalls.SetMode(fd, m), $"unable to set mode of {Shown(file)}, pausing");
        Descriptor.Close(fd);
    }

    private void RunProcessor(string processor)
    {
        while (true)
        {
            ProcessorOutcome outcome = ProcessorRun.Run(processor, _path, out int errno);
            switch (outcome)
            {
                case ProcessorOutcome.Succeeded:
                    return;
                case ProcessorOutcome.CouldNotStart:
                    _retry.Warn($"unable to fork for processor in {Name}, pausing", errno);
                    break;
                case ProcessorOutcome.Crashed:
                    // 0.76 falls through: "crashed" (with a stale errno), then "failed", two pauses.
                    _retry.Warn($"processor crashed in {Name}, pausing", errno);
                    _retry.Warn($"processor failed in {Name}, pausing", null);
                    break;
                default:
                    _retry.Warn($"processor failed in {Name}, pausing", null);
                    break;
            }
        }
    }

    /// <summary>finish(): archive <paramref name="file"/> as @TAI64N.<paramref name="code"/>, then trim old files.</summary>
    private void Finish(string file, char code)
    {
        FileFacts facts = default;
        while (true)
        {
            int errno = FileSystemCalls.Stat(In(file), out facts);
            if (errno == 0) break;
            if (errno == Errno.ENOENT) return;
            _retry.Warn($"unable to stat {Shown(file)}, pausing", errno);
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
                int errno = FileSystemCalls.Link(In(file), In(name));
                if (errno == 0) break;
                _retry.Warn($"unable to link to {Shown(name)}, pausing", errno);
            }
        }
        _retry.Until(() => FileSystemCalls.Unlink(In(file)), $"unable to remove {Shown(file)}, pausing");
        _fault?.Invoke(FaultPoint.Archived);
        while (true)
        {
            int fit = OldFiles.Trim(_path, _settings.Count, _settings.TotalSize);
            if (fit >= 0) return;
            _retry.Warn($"unable to read {Name}, pausing", -fit);
        }
    }

    private string ArchiveName(char code)
    {
        Span<byte> label = stackalloc byte[Tai64NLabel.TextLength];
        _clock.Now().Format(label);
        return System.Text.Encoding.ASCII.GetString(label) + "." + code;
    }
}
