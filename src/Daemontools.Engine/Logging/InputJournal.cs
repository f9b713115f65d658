using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// multilog's input journal: what makes the logger exact under kill -9. Input leaves the pipe
/// only by splice(2) into the journal's data area, and the kernel stores the new end of the data
/// in the journal itself (splice's offset pointer points into the mapped file) before the call
/// returns, so every byte is, at any instant, either still in the pipe or in the journal and
/// counted there. A transaction then logs the journaled bytes: its record names the input, the
/// stamp and each directory's file and size before anything is written, and is marked ended once
/// everything is written. A restart finds an unended transaction, measures how many of its output
/// bytes each directory already holds, and runs it again leaving those out.
/// Layout: two 4096-byte record slots (<see cref="JournalRecord"/>), a page holding the data's
/// end (a file offset the kernel stores), the laps (how often the data area started over, which
/// only we store) and the log directory's path (see <see cref="RemoveOrphans"/>), then one step of
/// data (<see cref="LinePump.BufferSize"/>): each transaction logs all there is, then the data area
/// starts over.
/// The file lives on tmpfs (/dev/shm/multilog-DEV-INO-BIRTH, after the first log directory), where
/// the page the kernel stores the count in never needs a fault a kill could cut short; where there
/// is no usable /dev/shm, in the directory as "journal". The logger using it holds an exclusive
/// flock on it for as long as it does.
/// </summary>
internal sealed unsafe partial class InputJournal : IDisposable
{
    /// <summary>The journal's name inside the first log directory when /dev/shm cannot hold it.</summary>
    public const string LocalName = "journal";

    private const string SharedMemory = "/dev/shm";
    private const string SharedPrefix = "multilog-";
    private const int CountAt = 2 * JournalRecord.SlotSize;
    private const int LapAt = CountAt + 8;
    private const int OwnerAt = CountAt + 16;
    private const int DataStart = 3 * JournalRecord.SlotSize;
    private const int FileSize = DataStart + LinePump.BufferSize;

    private readonly string _directory;
    private readonly string _shownDirectory;
    private readonly string _file;
    private readonly PausingRetry _retry;
    private readonly Action<FaultPoint>? _fault;
    private readonly byte[] _slot = new byte[JournalRecord.SlotSize];
    private Descriptor _fd;
    private SharedMapping _mapping;
    private byte* _map;

    private InputJournal(Descriptor fd, SharedMapping mapping, string directory, string shownDirectory, string file, PausingRetry retry, Action<FaultPoint>? fault)
    {
        _fd = fd;
        _mapping = mapping;
        _map = mapping.Start;
        _directory = directory;
        _shownDirectory = shownDirectory;
        _file = file;
        _retry = retry;
        _fault = fault;
    }

    /// <summary>The record as it stands (as found on open, then as last written).</summary>
    public JournalRecord Record { get; } = new();

    /// <summary>The directory the journal is in, as shown in messages.</summary>
    public string ShownDirectory => _shownDirectory;

    /// <summary>The journal's file name in <see cref="ShownDirectory"/>.</summary>
    public string FileName => _file;

    /// <summary>Journaled input not yet logged.</summary>
    public int Unprocessed => (int)(End - Record.Processed);

    /// <summary>The end of the journaled data (a file offset), stored by the kernel on each capture.</summary>
    private long End => Volatile.Read(ref *(long*)(_map + CountAt));

    /// <summary>How many times the data area started over.</summary>
    private long Lap => Volatile.Read(ref *(long*)(_map + LapAt));

    /// <summary>
    /// Finds the journal of <paramref name="directory"/> (its full path; <paramref name="shown"/> as the script
    /// names it; <paramref name="facts"/> from statx): an existing one, or with <paramref name="create"/> a new
    /// one, on /dev/shm when it can be used. No journal when there is none to find, or it cannot be made (errno set).
    /// </summary>
    public static JournalOpening Open(string directory, string shown, in FileFacts facts, bool create, PausingRetry retry, Action<FaultPoint>? fault)
    {
        // One left behind wherever it was kept comes first: it may hold input no one has logged.
        if (FileSystem.Stat(directory + "/" + LocalName, out _) == Errno.None) return TryOpen(directory, shown, LocalName, null, retry, fault);
        string? shared = SharedName(facts);
        if (shared is not null && (create || FileSystem.Stat(SharedMemory + "/" + shared, out _) == Errno.None))
        {
            JournalOpening opening = TryOpen(SharedMemory, SharedMemory, shared, directory, retry, fault);
            if (opening.Journal is not null || !create) return opening;
        }
        return create ? TryOpen(directory, shown, LocalName, null, retry, fault) : default;
    }

    /// <summary>
    /// The journal's name on /dev/shm for a log directory: after its device, inode and birth, so a new
    /// directory reusing the inode is a stranger to it. Null where the file system keeps no birth.
    /// </summary>
    internal static string? SharedName(in FileFacts facts) => facts.BirthSeconds != 0 || facts.BirthNanoseconds != 0
        ? SharedPrefix + Hex((ulong)facts.Device) + "-" + Hex(facts.Inode) + "-" + Hex((ulong)facts.BirthSeconds) + "." + Hex(facts.BirthNanoseconds)
        : null;

    /// <summary>Lower-case hex without the number formatting machinery (whose culture set-up opens /dev/urandom: a descriptor).</summary>
    private static string Hex(ulong value)
    {
        Span<char> digits = stackalloc char[16];
        int at = digits.Length;
        do
        {
            digits[--at] = "0123456789abcdef"[(int)(value & 15)];
            value >>= 4;
        }
        while (value != 0);
        return new string(digits[at..]);
    }

    /// <summary>
    /// Opens (creating) and locks DIRECTORY/FILE; a shared one records <paramref name="owner"/>, the log
    /// directory it serves. The lock waits out a sweep looking at the file (briefly; a logger of the
    /// directory holding it for good would hold the directory's lock first), and a file a sweep removed
    /// meanwhile is left for a new one.
    /// </summary>
    private static JournalOpening TryOpen(string directory, string shownDirectory, string file, string? owner, PausingRetry retry, Action<FaultPoint>? fault)
    {
        string path = directory + "/" + file;
        for (int attempt = 0; ; attempt++)
        {
            Errno errno = FileSystem.Open(path, Linux.O_RDWR | Linux.O_CREAT | Linux.O_NOFOLLOW, FileModes.PrivateFile, out Descriptor fd);
            if (errno != Errno.None) return new JournalOpening(null, errno);
            errno = FileLock.Lock(fd, wait: true);
            FileFacts facts = default;
            if (errno == Errno.None) errno = fd.Stat(out facts);
            if (errno == Errno.None && facts.Links == 0 && attempt == 0)
            {
                fd.Close();
                continue;
            }
            if (errno == Errno.None && !IsPrivateFile(facts)) errno = Errno.EACCES; // someone else's file, or not a plain private one: never trusted
            if (errno != Errno.None)
            {
                fd.Close();
                return new JournalOpening(null, errno);
            }
            return Map(fd, facts, directory, shownDirectory, file, owner, retry, fault);
        }
    }

    private static bool IsPrivateFile(in FileFacts facts) =>
        facts.Owner == Credentials.EffectiveUserId && facts.Links == 1 && (facts.Mode & Linux.S_IFMT) == Linux.S_IFREG
        && (facts.Permissions & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) == 0;

    /// <summary>Sizes and maps the opened, locked file (consumed) and loads its record.</summary>
    private static JournalOpening Map(Descriptor fd, in FileFacts facts, string directory, string shownDirectory, string file, string? owner, PausingRetry retry, Action<FaultPoint>? fault)
    {
        SharedMapping mapping = default;
        try
        {
            Errno errno = Errno.None;
            if (facts.Size != FileSize)
            {
                errno = fd.Truncate(FileSize);
                // Blocks taken now: a full disk must show on current (as in 0.76), not here.
                if (errno == Errno.None) errno = fd.Allocate(FileSize);
                if (errno != Errno.None) return new JournalOpening(null, errno);
            }
            errno = SharedMapping.Map(fd, FileSize, out mapping);
            if (errno != Errno.None) return new JournalOpening(null, errno);
            // The page the kernel stores the count in must never need a fault (which a kill could cut short).
            mapping.KeepResident(CountAt, JournalRecord.SlotSize);
            var journal = new InputJournal(fd, mapping, directory, shownDirectory, file, retry, fault);
            fd = Descriptor.None;
            mapping = default;
            journal.Load();
            if (owner is not null) journal.RecordOwner(owner);
            return new JournalOpening(journal, Errno.None);
        }
        finally
        {
            mapping.Unmap();
            if (fd.IsValid) fd.Close();
        }
    }

    private void Load()
    {
        var other = new JournalRecord();
        bool first = Record.TryDecode(new ReadOnlySpan<byte>(_map, JournalRecord.SlotSize));
        bool second = other.TryDecode(new ReadOnlySpan<byte>(_map + JournalRecord.SlotSize, JournalRecord.SlotSize));
        if (second && (!first || other.Sequence > Record.Sequence)) Record.TryDecode(new ReadOnlySpan<byte>(_map + JournalRecord.SlotSize, JournalRecord.SlotSize));
        long end = End;
        if (!Record.InFlight && (end < Record.Processed || Lap != Record.Lap))
        {
            // The data area started over after the last transaction's end was recorded (see StartOver).
            Record.Processed = DataStart;
        }
        if ((!first && !second) || Record.Processed < DataStart || Record.Processed > end || end > FileSize
            || (Record.InFlight && (Record.Processed + Record.Length > end || Lap != Record.Lap)))
        {
            // New, or damaged from outside: nothing in it can be trusted. Recorded before any capture,
            // so that what the first capture counts is never taken for damage.
            Record.InFlight = false;
            Record.Processed = DataStart;
            SetEnd(DataStart);
            Save();
        }
    }

    private void SetEnd(long end) => Volatile.Write(ref *(long*)(_map + CountAt), end);

    /// <summary>
    /// Moves up to <paramref name="length"/> bytes from <paramref name="pipe"/> into the journal:
    /// the count, 0 at end of input, -1 when the pipe is empty, -2 when splice cannot be used
    /// here (the caller reads plainly from then on). Other failures are warned about and retried.
    /// </summary>
    public int Capture(Descriptor pipe, int length)
    {
        if (Unprocessed == 0 && End != DataStart) StartOver();
        long* end = (long*)(_map + CountAt);
        length = (int)Math.Min(length, FileSize - *end);
        while (true)
        {
            // Stored by us just before, the page is mapped writable when the kernel stores the count.
            SetEnd(*end);
            Errno errno = Pipe.MoveInto(pipe, _fd, end, length, out int n);
            if (errno == Errno.None)
            {
                if (n > 0) _fault?.Invoke(FaultPoint.Captured);
                return n;
            }
            if (errno == Errno.EAGAIN) return -1;
            if (errno is Errno.EINVAL or Errno.ENOSYS or Errno.EBADF or Errno.ESPIPE) return -2;
            _retry.Warn(LogWarningKind.Write, _shownDirectory, _file, errno);
        }
    }

    /// <summary>The journaled input not yet logged (at most <paramref name="max"/> bytes), read in place.</summary>
    public ReadOnlySpan<byte> Pending(int max) => new(_map + Record.Processed, Math.Min(Unprocessed, max));

    /// <summary>Writes <see cref="Record"/> into the next slot (in place: a copy cut short by a kill fails its checksum).</summary>
    public void Save()
    {
        Record.Sequence++;
        Record.Lap = Lap;
        int used = Record.Encode(_slot);
        _slot.AsSpan(0, used).CopyTo(new Span<byte>(_map + ((Record.Sequence & 1) * JournalRecord.SlotSize), used));
    }

    /// <summary>Ends the transaction: the record says so, with the line it leaves unfinished; then the data area starts over.</summary>
    public void Finish()
    {
        Record.Processed += Record.Length;
        Record.InFlight = false;
        Record.EndOfInput = false;
        Record.Length = 0;
        Save();
        _fault?.Invoke(FaultPoint.Ended);
        StartOver();
    }

    /// <summary>
    /// Everything journaled is logged and recorded as such: the data area starts over. The end
    /// first, then the lap, so a record from before shows either data ending short of it or a
    /// lap behind (see <see cref="Load"/>), and captures come only after both.
    /// </summary>
    private void StartOver()
    {
        SetEnd(DataStart);
        Volatile.Write(ref *(long*)(_map + LapAt), Lap + 1);
        Record.Processed = DataStart;
    }

    /// <summary>Removes the journal (the logger ends or goes on without one; everything in it was logged).</summary>
    public void Delete()
    {
        FileSystem.Unlink(_directory + "/" + _file);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _mapping.Unmap();
        _mapping = default;
        _map = null;
        if (_fd.IsValid) _fd.Close();
        _fd = Descriptor.None;
    }
}
