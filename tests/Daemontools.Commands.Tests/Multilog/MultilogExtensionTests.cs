using System.Text;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>Our actions beyond 0.76 (letters 0.76 silently ignores): T, R and S.</summary>
public sealed class MultilogExtensionTests
{
    [Fact]
    public void R_rotates_an_idle_current_once_its_oldest_line_is_that_old()
    {
        using var temp = new TempDirectory();
        using var log = new RunningMultilog(Programs.Ours("multilog"), temp.Path, "R1", "./log");
        log.Write("waiting for the age limit\n");
        string dir = temp.Combine("log");
        Eventually.True(() => Directory.Exists(dir) && Directory.GetFiles(dir, "@*.s").Length == 1, "the age rotation", TimeSpan.FromSeconds(20));
        log.CloseInput();
        Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal("waiting for the age limit\n", File.ReadAllText(Directory.GetFiles(dir, "@*.s")[0]));
        Assert.Equal("", File.ReadAllText(Path.Combine(dir, "current")));
    }

    [Fact]
    public void T_stamps_lines_in_iso_8601_utc()
    {
        using var temp = new TempDirectory();
        ProgramResult r = MultilogRun.WithFileInput(Programs.Ours("multilog"), temp.Path, Encoding.ASCII.GetBytes("hello\n"), "T", "./log");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z hello\n$", File.ReadAllText(temp.Combine("log", "current")));
    }

    [Fact]
    public void S_caps_the_total_size_of_old_files()
    {
        using var temp = new TempDirectory();
        byte[] input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i} of the size cap test\n")));
        ProgramResult r = MultilogRun.WithFileInput(Programs.Ours("multilog"), temp.Path, input, "s4096", "n1000", "S10000", "./log");
        Assert.Equal(0, r.ExitCode);
        string[] archives = Directory.GetFiles(temp.Combine("log"), "@*");
        Assert.True(archives.Length >= 2, "several old files fit under the cap");
        Assert.InRange(archives.Sum(a => new FileInfo(a).Length), 1, 10000);
    }
}
