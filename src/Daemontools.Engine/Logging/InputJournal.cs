using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Logging;

/// <summary>
/// multilog's input journal, the file "journal" in the script's first directory: what makes the
/// logger exact under kill -9. Input leaves the pipe only by splice(2) into this file, which the
/// kernel does as one step (the bytes taken from the pipe are the bytes written), so input is
/// always either still in the pipe or in the journal. A transaction then logs the journaled
/// bytes: its header record names the input, the stamp and each directory's file and size before
/// anything is written, and is marked ended after everything is written. A restart finds an
/// unended transaction, measures how many of its output bytes each directory already holds, and
/// runs it again with that many bytes left out: no line is lost and none repeated.
/// The file is two header slots (<see cref="JournalRecord"/>) followed by the journaled input;
/// once everything in it is logged and it has grown past a megabyte it is cut back to the header.
/// </summary>
internal sealed class InputJournal : IDisposable
{
    /// <summary>The journal's name inside the first log directory.</summary>
    public const string FileName = "journal";

    private const int DataStart = 2 * JournalRecord.SlotSize;
    private const long ShrinkSize = 1024 * 1024;

    private readonly string _path;
    private readonly string _shown;
    private readonly PausingRetry _retry;
    private readonly Action<FaultPoint>? _fault;
    private readonly byte[] _slot = new byte[JournalRecord.SlotSize];
    private int _fd;
    private long _captured; // journaled input bytes (the file's size past the header)

    private InputJournal(int fd, string path, string shown, PausingRetry retry, Action<FaultPoint>? fault)
    {
        _fd = fd;
        _path = path;
        _shown = shown;
        _retry = retry;
        _fault = fault;
    }

    /// <summary>The record as it stands (as found on open, then as last written).</summary>
    public JournalRecord Record { get; } = new();

    /// <summary>Journaled input not yet logged.</summary>
    public long Unprocessed => _captured - Record.Processed;

    /// <summary>
    /// Opens (or creates) the journal in <paramref name="directory"/> and reads its record.
    /// Null with errno when the file cannot be opened (the logger then works without it).
    /// </summary>
    public static InputJournal? Open(string directory, string shownDirectory, PausingRetry retry, Action<FaultPoint>? fault, out int errno)
    {
        string path = directory + "/" + FileName;
        int fd = JournalFileCalls.OpenReadWrite(path, out errno);
        if (fd < 0) return null;
        var journal = new InputJournal(fd, path, shownDirectory + "/" + FileName, retry, fault);
        journal.Load();
        return journal;
    }

    /// <summary>True when a journal file exists in <paramref name="directory"/>.</summary>
    public static bool ExistsIn(string directory) => FileSystemCalls.Stat(directory + "/" + FileName, out _) == 0;

    private void Load()
    {
        var other = new JournalRecord();
        bool first = ReadSlot(0, Record);
        bool second = ReadSlot(1, other);
        if (second && (!first || other.Sequence > Record.Sequence)) ReadSlot(1, Record);
        if (!first && !second) Record.Sequence = 0;

        if (JournalFileCalls.SizeAndInode(_fd, out long size, out _) != 0) size = 0;
        _captured = Math.Max(0, size - DataStart);
        if (size == 0) Reserve();
        if (_captured < Record.Processed)
        {
            // Cut back after everything was logged, before the record said so (see ShrinkIfLarge).
            Record.Processed = 0;
            Record.InFlight = false;
        }
        else if (Record.InFlight && Record.Processed + Record.Length > _captured)
        {
            Record.InFlight = false; // damaged from outside: the input it names is not here
        }
    }

    private bool ReadSlot(int index, JournalRecord into)
    {
        int n = JournalFileCalls.ReadAt(_fd, _slot, index * (long)JournalRecord.SlotSize, out _);
        return n == JournalRecord.SlotSize && into.TryDecode(_slot);
    }

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes from <paramref name="pipe"/> into the journal:
    /// the count, 0 at end of input, -1 when the pipe is empty, -2 when splice cannot be used here
    /// (the caller reads plainly from then on). Other failures (disk full) are warned about and retried.
    /// </summary>
    public int Capture(int pipe, int length)
    {
        while (true)
        {
            int n = JournalFileCalls.Splice(pipe, _fd, DataStart + _captured, length, out int errno);
            if (n >= 0)
            {
                _captured += n;
                if (n > 0) _fault?.Invoke(FaultPoint.Captured);
                return n;
            }
            if (errno == Errno.EAGAIN) return -1;
            if (errno is Errno.EINVAL or Errno.ENOSYS or Errno.EBADF or Errno.ESPIPE or Errno.EFBIG) return -2;
            _retry.Warn($"unable to write to {_shown}, pausing", errno);
        }
    }

    /// <summary>Copies the next unprocessed input into <paramref name="buffer"/>: the count.</summary>
    public int Read(Span<byte> buffer)
    {
        int want = (int)Math.Min(buffer.Length, Unprocessed);
        int got = 0;
        while (got < want)
        {
            int n = JournalFileCalls.ReadAt(_fd, buffer[got..want], DataStart + Record.Processed + got, out int errno);
            if (n > 0)
            {
                got += n;
                continue;
            }
            if (n == 0)
            {
                _captured = Record.Processed + got; // cut short from outside: log what is there
                break;
            }
            _retry.Warn($"unable to read {_shown}, pausing", errno);
        }
        return got;
    }

    /// <summary>Writes <see cref="Record"/> into the next slot.</summary>
    public void Save()
    {
        Record.Sequence++;
        Record.Encode(_slot);
        long at = (Record.Sequence & 1) * JournalRecord.SlotSize;
        while (true)
        {
            int n = FileSystemCalls.WriteAt(_fd, _slot, at, out int errno);
            if (n == _slot.Length) return;
            _retry.Warn($"unable to write to {_shown}, pausing", n >= 0 ? Errno.EIO : errno);
        }
    }

    /// <summary>
    /// Once everything journaled is logged and the file has grown past a megabyte, cuts it back
    /// to the header. Cut first, record after: a record whose point lies beyond the end of the
    /// file means exactly this (see <see cref="Load"/>).
    /// </summary>
    public void ShrinkIfLarge()
    {
        if (Unprocessed != 0 || _captured < ShrinkSize || Record.InFlight) return;
        Truncate();
        _fault?.Invoke(FaultPoint.JournalCut);
        Record.Processed = 0;
        Save();
    }

    private void Truncate()
    {
        _retry.Until(() => JournalFileCalls.Truncate(_fd, DataStart), $"unable to write to {_shown}, pausing");
        _captured = 0;
        Reserve();
    }

    /// <summary>
    /// Room for what passes through before the next cut, taken ahead of time so that a disk
    /// filling up shows on current (as in 0.76) rather than here; as much as the disk gives.
    /// </summary>
    private void Reserve()
    {
        for (long room = ShrinkSize + LinePump.BufferSize; room >= 16 * 1024; room /= 2)
        {
            if (JournalFileCalls.Reserve(_fd, 0, DataStart + room) == 0) return;
        }
    }

    /// <summary>Removes the journal (the logger goes on without one; everything in it was logged).</summary>
    public void Delete()
    {
        FileSystemCalls.Unlink(_path);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_fd >= 0) Descriptor.Close(_fd);
        _fd = -1;
    }
}
