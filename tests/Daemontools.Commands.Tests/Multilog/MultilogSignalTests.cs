namespace Daemontools.Commands.Tests.Multilog;

/// <summary>TERM and ALRM, the same under Debian's multilog and ours.</summary>
public sealed class MultilogSignalTests
{
    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void Term_finishes_the_current_line_then_exits_cleanly(string which)
    {
        using var temp = new TempDirectory();
        using var log = new RunningMultilog(Implementations.Program(which, "multilog"), temp.Path, "./log");
        string current = temp.Combine("log", "current");
        log.Write("one\npart");
        Eventually.True(() => File.Exists(current) && File.ReadAllText(current) == "one\n", "the first line in current");
        RunningMultilog.Signal(log.Pid, "TERM");
        // stdin stays open: only TERM can make it exit, and only once the line is complete.
        // (Nothing is written after the newline: TERM is noticed asynchronously, so bytes that
        // arrive right behind it may or may not be read first.)
        log.Write("ial\n");
        Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal("one\npartial\n", File.ReadAllText(current));
        Assert.Equal("744", Convert.ToString((int)File.GetUnixFileMode(current), 8));
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void Alrm_rotates_a_non_empty_current(string which)
    {
        using var temp = new TempDirectory();
        using var log = new RunningMultilog(Implementations.Program(which, "multilog"), temp.Path, "./log");
        string dir = temp.Combine("log");
        log.Write("rotate me\n");
        Eventually.True(() => File.Exists(Path.Combine(dir, "current")) && File.ReadAllText(Path.Combine(dir, "current")).Length == 10, "the line in current");
        RunningMultilog.Signal(log.Pid, "ALRM");
        Eventually.True(() => Directory.GetFiles(dir, "@*.s").Length == 1, "an archive after ALRM");
        log.Write("next\n");
        log.CloseInput();
        Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(
            "== @1.s 744 10\nrotate me\n== current 744 5\nnext\n== lock 600 0\n== state 644 0\n",
            LogSnapshot.Of(dir));
    }
}
