namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// Our multilog outlives every signal it has no use for (Debian's dies of HUP, USR1, PIPE and
/// the rest, losing the line in hand) and keeps logging; a processor it starts still gets every
/// signal at its default and an empty mask. (INT and QUIT stay deliberate stops, as for every
/// program here; TERM and ALRM keep 0.76's meaning.)
/// </summary>
public sealed class MultilogSurvivalTests
{
    public static TheoryData<string> Unused => new()
    {
        "HUP", "USR1", "USR2", "PIPE", "STKFLT", "TSTP", "TTIN", "TTOU", "XFSZ", "VTALRM", "PROF", "IO", "PWR",
        "URG", "WINCH", "CHLD", "CONT", "40", "64",
    };

    private static char State(int pid) => File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1][0];

    [Theory]
    [MemberData(nameof(Unused))]
    public void Survives_a_signal_it_has_no_use_for_and_keeps_logging(string signal)
    {
        using var temp = new TempDirectory();
        using var log = new RunningMultilog(Programs.Ours("multilog"), temp.Path, "t", "./log");
        string current = temp.Combine("log", "current");
        log.Write("before\npart");
        Eventually.True(() => File.Exists(current) && File.ReadAllText(current).EndsWith(" before\n", StringComparison.Ordinal), "the first line in current");
        for (int i = 0; i < 20; i++) RunningMultilog.Signal(log.Pid, signal);
        log.Write("ial\nafter\n");
        Eventually.True(() => File.ReadAllText(current).EndsWith(" after\n", StringComparison.Ordinal), "the lines sent after the signals");
        Assert.False(log.HasExited, $"multilog died of {signal}");
        Assert.NotEqual('T', State(log.Pid));
        log.CloseInput();
        Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Matches("^@[0-9a-f]{24} before\n@[0-9a-f]{24} partial\n@[0-9a-f]{24} after\n$", File.ReadAllText(current));
    }

    [Fact]
    public void A_processor_starts_with_every_signal_at_its_default_and_an_empty_mask()
    {
        using var temp = new TempDirectory();
        using var log = new RunningMultilog(Programs.Ours("multilog"), temp.Path, "s4096", "!cat; exec grep -E '^Sig(Blk|Ign)' /proc/self/status", "./log");
        string dir = temp.Combine("log");
        log.Write("rotate me\n");
        Eventually.True(() => File.Exists(Path.Combine(dir, "current")) && new FileInfo(Path.Combine(dir, "current")).Length > 0, "the line in current");
        RunningMultilog.Signal(log.Pid, "ALRM");
        Eventually.True(() => Directory.GetFiles(dir, "@*.s").Length == 1, "the processed archive");
        string archive = File.ReadAllText(Directory.GetFiles(dir, "@*.s")[0]);
        Assert.Equal("rotate me\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n", archive);
        log.CloseInput();
        Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(10)));
    }
}
