using System.Text;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// Our multilog under `softlimit -o N`: it works where descriptors allow (dropping its journal with
/// a warning when keeping it would leave none for a rotation, and starting processors that open
/// their own files), and otherwise refuses in the original's words with exit 111. Never an
/// unhandled exception.
/// </summary>
public sealed class MultilogDescriptorTests
{
    private const int Lines = 3000;

    private static readonly string Input = string.Concat(Enumerable.Range(1, Lines).Select(i => $"line {i} of the descriptor test\n"));

    private static ProgramResult Run(TempDirectory temp, int descriptors, params string[] script) =>
        ProgramRun.Run("/usr/bin/softlimit", ["-o", descriptors.ToString(System.Globalization.CultureInfo.InvariantCulture), Programs.Ours("multilog"), .. script],
            Encoding.ASCII.GetBytes(Input), workingDirectory: temp.Path);

    private static string Logged(string directory) =>
        string.Concat(Directory.GetFiles(directory, "@*").Order(StringComparer.Ordinal).Append(Path.Combine(directory, "current")).Select(File.ReadAllText));

    [Theory]
    [InlineData(7, "s4096 n1000 ./log")]
    [InlineData(7, "s4096 n1000 !cat ./log")]
    [InlineData(16, "s4096 n1000 ./log")]
    [InlineData(16, "s4096 n1000 !cat ./log")]
    public void Works_under_a_descriptor_limit(int descriptors, string script)
    {
        using var temp = new TempDirectory();
        ProgramResult r = Run(temp, descriptors, script.Split(' '));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(Input, Logged(temp.Combine("log")));
        Assert.True(Directory.GetFiles(temp.Combine("log"), "@*.s").Length > 5, "rotations happened");
        // At 7 the journal's descriptor goes to rotations; at 16 there is room for both.
        string warning = descriptors == 7 ? "multilog: warning: unable to keep the journal /dev/shm/multilog-*, logging without it: process cannot open more files\n" : "";
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(warning).Replace("\\*", "[0-9a-f.-]+") + "$", r.Err);
    }

    [Theory]
    [InlineData(3, "multilog: fatal: unable to catch TERM and ALRM: process cannot open more files\n")]
    [InlineData(4, "multilog: fatal: unable to open directory ./log: process cannot open more files\n")]
    public void Refuses_in_the_originals_words_when_descriptors_run_out(int descriptors, string message)
    {
        using var temp = new TempDirectory();
        ProgramResult r = Run(temp, descriptors, "./log");
        Assert.Equal(111, r.ExitCode);
        Assert.EndsWith(message, r.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", r.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// With the fewest descriptors multilog works with, TERM (taken from the signalfd the pump polls
    /// beside its input) is noticed while the logger waits for input that does not come.
    /// </summary>
    [Fact]
    public void Term_is_noticed_without_a_wake_up_pipe()
    {
        using var temp = new TempDirectory();
        using var log = new RunningMultilog("/usr/bin/softlimit", temp.Path, "-o", "7", Programs.Ours("multilog"), "./log");
        string current = temp.Combine("log", "current");
        log.Write("one\ntwo\n");
        Eventually.True(() => File.Exists(current) && File.ReadAllText(current) == "one\ntwo\n", "the lines in current");
        RunningMultilog.Signal(log.Pid, "TERM");
        Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal("744", Convert.ToString((int)File.GetUnixFileMode(current), 8));
    }
}
