using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>The logger's transactions over its input journal, and the restart that completes an interrupted one.</summary>
public sealed partial class Multilog
{
    private InputJournal? _journal;

    /// <summary>The input journal, when there is one.</summary>
    internal InputJournal? Journal => _journal;

    /// <summary>Logs <paramref name="input"/>, the next unprocessed bytes of the journal, as one transaction stamped now.</summary>
    internal void LogJournaled(ReadOnlySpan<byte> input, bool endOfInput = false) => LogJournaled(input, _options.Clock.Now(), endOfInput);

    /// <summary>
    /// Logs <paramref name="input"/>, the next unprocessed bytes of the journal, as one
    /// transaction: recorded before anything is written, ended once everything is written.
    /// With <paramref name="endOfInput"/> (and no input) the transaction gives the unfinished line its newline.
    /// </summary>
    internal void LogJournaled(ReadOnlySpan<byte> input, Tai64NLabel now, bool endOfInput)
    {
        JournalRecord record = _journal!.Record;
        Begin(record, input.Length, now, endOfInput);
        if (endOfInput) EndLine();
        else Write(input, now);
        Flush();
        _options.Fault?.Invoke(FaultPoint.Flushed);
        SaveCarried(record);
        _journal.Finish();
        foreach (RotationBuffer d in _directories) d.Suppress(0);
    }

    /// <summary>Stops journaling (the input cannot be spliced, or the logger ends): everything journaled is logged, so the file goes.</summary>
    internal void DropJournal()
    {
        _journal?.Delete();
        _journal = null;
    }

    /// <summary>Stops journaling between transactions for <paramref name="why"/>, saying so (a kill may now lose or repeat lines).</summary>
    internal void GiveUpJournal(Errno why)
    {
        if (_journal is null) return;
        _options.Warning(new LogWarning(LogWarningKind.NoJournal, _journal.ShownDirectory, _journal.FileName, why));
        DropJournal();
    }

    private void Begin(JournalRecord record, int length, Tai64NLabel now, bool endOfInput)
    {
        record.InFlight = true;
        record.EndOfInput = endOfInput;
        record.Length = length;
        record.Stamp = now;
        record.EntryCount = _directories.Length;
        for (int j = 0; j < _directories.Length; j++)
        {
            LogDirectory d = _directories[j].Directory;
            record.Entries[j] = new JournalEntry
            {
                DirectoryDevice = d.Facts.Device,
                DirectoryInode = d.Facts.Inode,
                FileInode = d.CurrentInode,
                Start = d.Bytes,
                Done = 0,
                Skip = _directories[j].Suppressing,
            };
        }
        SaveCarried(record);
        _journal!.Save();
        _options.Fault?.Invoke(FaultPoint.Begun);
    }

    /// <summary>A directory rotated inside a transaction: its output now goes to a new current.</summary>
    private void OnReplaced(int index, long oldSize)
    {
        JournalRecord? record = _journal?.Record;
        if (record is null || !record.InFlight) return;
        ref JournalEntry entry = ref record.Entries[index];
        entry.Done += oldSize - entry.Start;
        entry.Start = 0;
        entry.FileInode = _directories[index].Directory.CurrentInode;
        _journal!.Save();
    }

    private void SaveCarried(JournalRecord record)
    {
        for (int j = 0; j < record.EntryCount && j < _selected.Length; j++) record.Entries[j].Selected = _selected[j];
        record.InTail = _inTail;
        record.StampLength = _stampLength;
        record.HeadLength = _inTail ? 0 : _lineLength;
        _line.AsSpan(0, record.HeadLength).CopyTo(record.Head);
    }

    /// <summary>
    /// After <see cref="Open"/>: takes the unfinished line back from the journal, runs an
    /// interrupted transaction again leaving out what each directory already holds
    /// (<paramref name="written"/>, -1 = unknown), and, when this logger keeps no journal, logs
    /// whatever else it holds and removes it.
    /// </summary>
    private void Resume(long[] written)
    {
        JournalRecord record = _journal!.Record;
        _inTail = record.InTail;
        // A head keeps the stamp it was given, in whatever style the script had then.
        _lineLength = record.InTail ? 0 : record.HeadLength;
        record.Head.AsSpan(0, _lineLength).CopyTo(_line);
        for (int j = 0; j < _directories.Length; j++)
        {
            int e = EntryOf(record, _directories[j].Directory);
            _selected[j] = e < 0 || record.Entries[e].Selected;
        }

        if (record.InFlight)
        {
            for (int j = 0; j < _directories.Length; j++) _directories[j].Suppress(Math.Max(0, written[j]));
            _options.Fault?.Invoke(FaultPoint.Recovered);
            LogJournaled(_journal.Pending(record.Length), record.Stamp, record.EndOfInput);
        }
        if (_options.Journal) return;
        if (_journal.Unprocessed > 0) LogJournaled(_journal.Pending(int.MaxValue));
        DropJournal();
    }

    private static int EntryOf(JournalRecord record, LogDirectory directory)
    {
        for (int e = 0; e < record.EntryCount; e++)
        {
            if (record.Entries[e].DirectoryDevice == directory.Facts.Device && record.Entries[e].DirectoryInode == directory.Facts.Inode) return e;
        }
        return -1;
    }

    /// <summary>The journal of the first directory: opened when this logger keeps one or a kill left one.</summary>
    private static InputJournal? OpenJournal(List<LogDirectory> directories, MultilogOptions options, PausingRetry retry)
    {
        if (directories.Count == 0) return null;
        LogDirectory first = directories[0];
        bool create = options.Journal && directories.Count <= JournalRecord.MaxEntries;
        JournalOpening opening = InputJournal.Open(first.FullPath, first.Name, first.Facts, create, retry, options.Fault);
        if (opening.Journal is null && options.Journal) options.Warning(new LogWarning(LogWarningKind.NoJournal, first.Name, InputJournal.LocalName, create ? opening.Errno : Errno.None));
        if (options.Journal && options.RemoveOrphanedJournals) InputJournal.RemoveOrphans();
        return opening.Journal;
    }

    /// <summary>
    /// Before recovery moves anything: how many output bytes of the interrupted transaction each
    /// directory already holds (-1 when there is none, or the directory cannot tell). The counts
    /// go into the record at once, as bytes to leave out with no file receiving yet, so that a
    /// kill during recovery (which archives the files measured) finds them there.
    /// </summary>
    private static long[] Measure(InputJournal? journal, List<LogDirectory> directories, MultilogOptions options)
    {
        long[] written = MeasureFiles(journal, directories, options);
        if (journal is null || !journal.Record.InFlight) return written;
        JournalRecord record = journal.Record;
        var entries = new JournalEntry[directories.Count];
        for (int j = 0; j < directories.Count; j++)
        {
            int e = EntryOf(record, directories[j]);
            entries[j] = new JournalEntry
            {
                DirectoryDevice = directories[j].Facts.Device,
                DirectoryInode = directories[j].Facts.Inode,
                Skip = Math.Max(0, written[j]),
                Selected = e < 0 || record.Entries[e].Selected,
            };
        }
        entries.CopyTo(record.Entries, 0);
        record.EntryCount = entries.Length;
        journal.Save();
        return written;
    }

    private static long[] MeasureFiles(InputJournal? journal, List<LogDirectory> directories, MultilogOptions options)
    {
        long[] written = new long[directories.Count];
        Array.Fill(written, -1L);
        if (journal is null || !journal.Record.InFlight) return written;
        JournalRecord record = journal.Record;
        for (int j = 0; j < directories.Count; j++)
        {
            int e = EntryOf(record, directories[j]);
            if (e < 0) continue; // new to the script: it never had any of it
            long w = directories[j].Written(record.Entries[e]);
            if (w < 0)
            {
                options.Warning(new LogWarning(LogWarningKind.Unmeasured, directories[j].Name, null, Errno.None));
                continue;
            }
            written[j] = record.Entries[e].Skip + w;
        }
        return written;
    }
}
