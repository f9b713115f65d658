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
    private int _directoryFd = -1;
    private int _lockFd = -1;
    private int _currentFd = -1;

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
    /// 0.76). Throws <see cref="MultilogException"/> in the original's words when it cannot.
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
        FileSystemCalls.MakeDirectory(_path, 0x1c0); // 0700; failure shows up in the open below
        _directoryFd = FileSystemCalls.OpenDirectory(_path, out int errno);
        if (_directoryFd < 0) throw new MultilogException($"unable to open directory {Name}", errno);
        _lockFd = FileSystemCalls.OpenAppend(In("lock"), out errno);
        if (_lockFd < 0 || !FileLock.TryLock(_lockFd, wait: false, out errno))
        {
            throw new MultilogException($"unable to lock directory {Name}", errno);
        }

        errno = FileSystemCalls.Stat(In("current"), out FileFacts current);
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
    }

    /// <summary>Appends to current, pausing and retrying on any failure (disk full, EIO, ...).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (Bytes == 0 && !data.IsEmpty) CurrentSince = DateTimeOffset.UtcNow;
        while (!data.IsEmpty)
        {
            int n = FileSystemCalls.Write(_currentFd, data, out int errno);
            if (n > 0)
            {
                data = data[n..];
                Bytes += n;
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
        Descriptor.Close(_currentFd);
        _currentFd = -1;
        _retry.Until(() => FileNative.Rename(In("current"), In("previous")), $"unable to rename current to previous in directory {Name}, pausing");
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

        if (_settings.Processor is null)
        {
            Finish("previous", 's');
        }
        else
        {
            RunProcessor(_settings.Processor);
            SyncAndSetMode("processed", CompleteMode);
            SyncAndSetMode("newstate", null);
            _retry.Until(() => FileSystemCalls.Unlink(In("previous")), $"unable to remove {Shown("previous")}, pausing");
            _retry.Until(() => FileNative.Rename(In("newstate"), In("state")), $"unable to rename newstate to state in directory {Name}, pausing");
            Finish("processed", 's');
        }
        // Better than 0.76: make the renames themselves durable.
        FileSystemCalls.Sync(_directoryFd);
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
        foreach (int fd in new[] { _currentFd, _lockFd, _directoryFd })
        {
            if (fd >= 0) Descriptor.Close(fd);
        }
        _currentFd = _lockFd = _directoryFd = -1;
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

        if (facts.Links == 1)
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
