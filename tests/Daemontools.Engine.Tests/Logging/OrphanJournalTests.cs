using Daemontools.Engine.Interop;
using Daemontools.Engine.Logging;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Logging;

/// <summary>
/// Input journals on /dev/shm left by loggers killed with -9: one whose log directory is gone is
/// removed by the sweep every logger makes at start; one a live logger holds, or whose directory
/// is still there (the next logger of it takes it back), stays.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(SerialCollection.Name)]
public sealed class OrphanJournalTests : IDisposable
{
    private readonly TempDirectory _temp = new("dt-orphan-");
    private readonly List<string> _journals = [];

    public void Dispose()
    {
        _temp.Dispose();
        // What these tests made and left: orphans now that the directories are gone.
        InputJournal.RemoveOrphans();
        foreach (string journal in _journals) Assert.False(File.Exists(journal), $"{journal} left behind");
    }

    /// <summary>A logger keeping a journal on <paramref name="name"/> (created), not yet ended; the journal's path.</summary>
    private (Multilog Log, string Journal) Start(string name)
    {
        var options = new MultilogOptions
        {
            StartDirectory = _temp.Path,
            Clock = new FixedClock(),
            Journal = true,
            RetryPause = TimeSpan.Zero,
            Warning = w => throw new InvalidOperationException($"unexpected warning: {w.Kind} {w.Path} ({w.Errno})"),
        };
        Multilog log = Multilog.Open(MultilogScript.Parse(["./" + name]), options);
        InputJournal journal = log.Journal!;
        Assert.Equal("/dev/shm", journal.ShownDirectory);
        string path = journal.ShownDirectory + "/" + journal.FileName;
        Assert.True(FileSystem.Stat(_temp.Combine(name), out FileFacts facts) == Errno.None);
        Assert.Equal(InputJournal.SharedName(facts), journal.FileName);
        _journals.Add(path);
        return (log, path);
    }

    /// <summary>Stops <paramref name="log"/> as kill -9 would: descriptors closed, lock released, the journal left in place.</summary>
    private static void Kill(Multilog log) => log.Dispose();

    /// <summary>The journal a logger of <paramref name="name"/> (created) left when killed.</summary>
    private string KilledLoggersJournal(string name)
    {
        (Multilog log, string journal) = Start(name);
        Kill(log);
        return journal;
    }

    [Fact]
    public void A_killed_loggers_journal_goes_once_its_directory_is_removed()
    {
        string journal = KilledLoggersJournal("a");
        Assert.True(File.Exists(journal));
        Directory.Delete(_temp.Combine("a"), recursive: true);

        InputJournal.RemoveOrphans();

        Assert.False(File.Exists(journal));
    }

    [Fact]
    public void A_journal_goes_when_its_path_names_a_new_directory()
    {
        string journal = KilledLoggersJournal("a");
        Directory.Delete(_temp.Combine("a"), recursive: true);
        Directory.CreateDirectory(_temp.Combine("a"));

        InputJournal.RemoveOrphans();

        Assert.False(File.Exists(journal));
    }

    [Fact]
    public void A_live_loggers_journal_stays_though_its_directory_is_removed()
    {
        (Multilog log, string journal) = Start("a");
        Directory.Delete(_temp.Combine("a"), recursive: true);

        InputJournal.RemoveOrphans();

        Assert.True(File.Exists(journal));
        Kill(log);
        InputJournal.RemoveOrphans();
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public void A_killed_loggers_journal_stays_while_its_directory_does_and_is_taken_back()
    {
        string journal = KilledLoggersJournal("a");

        InputJournal.RemoveOrphans();

        Assert.True(File.Exists(journal));
        (Multilog again, string taken) = Start("a");
        Assert.Equal(journal, taken);
        Kill(again);
    }

    [Fact]
    public void A_journal_with_a_damaged_path_is_never_judged()
    {
        string journal = KilledLoggersJournal("a");
        using (var file = new FileStream(journal, FileMode.Open, FileAccess.ReadWrite))
        {
            // One byte of the recorded path changed, as a kill in the middle of recording it would leave it.
            file.Position = (2 * JournalRecord.SlotSize) + 16 + 12 + 1;
            int b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ 1));
        }
        Directory.Delete(_temp.Combine("a"), recursive: true);

        InputJournal.RemoveOrphans();

        Assert.True(File.Exists(journal));
        File.Delete(journal); // ours, made by this test and unjudgeable by design
    }
}
