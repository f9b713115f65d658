using Daemontools.Engine.Interop;
using Daemontools.Engine.Logging;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// Our multilog keeps its input journal on /dev/shm, named after the log directory. One killed
/// with -9 whose directory is then removed leaves an orphan: the next multilog to start, logging
/// anywhere, removes it, and leaves alone the journal of a live multilog whose directory is gone too.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MultilogOrphanJournalTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Writes a line to <paramref name="multilog"/> and waits until it is in <paramref name="directory"/>/current: the multilog is past its start.</summary>
    private static void AwaitStarted(RunningMultilog multilog, string directory)
    {
        multilog.Write("up\n");
        string current = Path.Combine(directory, "current");
        Eventually.True(() => File.Exists(current) && File.ReadAllText(current) == "up\n", $"a line logged in {directory}");
    }

    /// <summary>The journal of the log directory <paramref name="directory"/> once its multilog has made both.</summary>
    private static string JournalOf(string directory)
    {
        string? journal = null;
        Eventually.True(
            () => FileSystem.Stat(directory, out FileFacts facts) == Errno.None && File.Exists(journal = "/dev/shm/" + InputJournal.SharedName(facts)),
            $"the journal of {directory}");
        return journal!;
    }

    [Fact]
    public void Kill_9_then_removing_the_directory_leaves_an_orphan_the_next_multilog_removes_sparing_a_live_ones()
    {
        using var temp = new TempDirectory();
        string multilog = Programs.Ours("multilog");
        using var killed = new RunningMultilog(multilog, temp.Path, "./killed");
        using var live = new RunningMultilog(multilog, temp.Path, "./live");
        AwaitStarted(killed, temp.Combine("killed"));
        AwaitStarted(live, temp.Combine("live"));
        string orphan = JournalOf(temp.Combine("killed"));
        string held = JournalOf(temp.Combine("live"));
        RunningMultilog.Signal(killed.Pid, "KILL");
        killed.WaitForExit(Limit);
        Assert.True(File.Exists(orphan), "kill -9 leaves the journal");
        // From here any multilog that starts (another test's too) may remove it.
        Directory.Delete(temp.Combine("killed"), recursive: true);
        Directory.Delete(temp.Combine("live"), recursive: true);

        using var next = new RunningMultilog(multilog, temp.Path, "./next");
        AwaitStarted(next, temp.Combine("next")); // it sweeps before it reads

        Assert.False(File.Exists(orphan), "the orphan is removed");
        Assert.True(File.Exists(held), "a live multilog's journal stays");
        Assert.False(live.HasExited, "the live multilog ended: " + string.Join(" | ", live.Stderr));
        string own = JournalOf(temp.Combine("next"));
        next.CloseInput();
        Assert.Equal(0, next.WaitForExit(Limit));
        Assert.False(File.Exists(own), "a multilog that ends removes its journal");
        RunningMultilog.Signal(live.Pid, "KILL");
        live.WaitForExit(Limit);
        InputJournal.RemoveOrphans();
        Assert.False(File.Exists(held), "once killed, its journal is an orphan too");
    }
}
