using System.Diagnostics;
using System.Text;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>Same input and script through Debian's multilog and ours: same files, same bytes (stamps masked), same messages.</summary>
public sealed class MultilogDifferentialTests
{
    private static (string Snapshot, ProgramResult Result) Run(string program, byte[] input, string[] script, string[] observe)
    {
        using var temp = new TempDirectory();
        ProgramResult result = MultilogRun.WithFileInput(program, temp.Path, input, script);
        var text = new StringBuilder();
        foreach (string item in observe)
        {
            string path = temp.Combine(item);
            text.Append($"### {item}\n");
            text.Append(Directory.Exists(path) ? LogSnapshot.Of(path) : LogSnapshot.Mask(File.ReadAllText(path)));
        }
        return (text.ToString(), result);
    }

    private static void AssertSame(byte[] input, string[] script, params string[] observe)
    {
        (string theirs, ProgramResult theirResult) = Run(Programs.Debian("multilog"), input, script, observe);
        (string ours, ProgramResult ourResult) = Run(Programs.Ours("multilog"), input, script, observe);
        Assert.Equal(theirResult.ExitCode, ourResult.ExitCode);
        Assert.Equal(LogSnapshot.Mask(theirResult.Err), LogSnapshot.Mask(ourResult.Err));
        Assert.Equal(theirs, ours);
    }

    private static byte[] Numbered(int count) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}\n")));

    [Fact]
    public void Selection_status_and_alerts_match()
    {
        AssertSame(Numbered(3000), ["t", "s4096", "n3", "-*line 5*", "+*line 50*", "=status", "e", "./log"], "log", "status");
    }

    [Theory]
    [InlineData("s4096", "n5")]
    [InlineData("s5000", "n4")]
    [InlineData("s100000", "n3")]
    [InlineData("s1", "n1")]
    public void Rotation_matches_for_mixed_line_lengths(string size, string count)
    {
        AssertSame(MultilogRun.MixedLines(3000, 7), [size, count, "./log"], "log");
    }

    [Fact]
    public void Rotation_with_timestamps_matches()
    {
        AssertSame(MultilogRun.MixedLines(2000, 11), ["t", "s4096", "n20", "./log"], "log");
    }

    [Fact]
    public void Several_directories_with_their_own_settings_match()
    {
        AssertSame(
            MultilogRun.MixedLines(1500, 3),
            ["-*", "+*a*", "s4096", "n3", "./a", "+*", "-*b*", "s6000", "n4", "./b", "s1000000", "=last", "xignored", "./c"],
            "a", "b", "c", "last");
    }

    [Fact]
    public void Processor_output_and_state_match()
    {
        AssertSame(Numbered(3000), ["s4096", "n4", "!wc -l; cat <&4; echo newstate >&5", "./log"], "log");
    }

    [Fact]
    public void Long_lines_and_alert_truncation_match()
    {
        byte[] input = Encoding.ASCII.GetBytes(new string('x', 5000) + "\nshort\n" + new string('y', 999) + "\n" + new string('z', 1000) + "\n");
        AssertSame(input, ["e", "+*", "=st", "s4096", "./log"], "log", "st");
    }

    [Fact]
    public void T_after_the_first_argument_and_unknown_actions_are_ignored()
    {
        AssertSame(Numbered(500), ["s4096", "t", "x", "log", "ignored", "n3", "./log"], "log");
    }

    [Fact]
    public void No_script_reads_everything_and_writes_nothing()
    {
        AssertSame(Numbered(500), []);
    }

    [Fact]
    public void Missing_status_directory_fails_the_same_way()
    {
        AssertSame(Numbered(3), ["=nodir/status", "./log"]);
    }

    [Fact]
    public void A_file_where_the_directory_should_be_fails_the_same_way()
    {
        foreach (string program in new[] { Programs.Debian("multilog"), Programs.Ours("multilog") })
        {
            using var temp = new TempDirectory();
            File.WriteAllText(temp.Combine("log"), "");
            ProgramResult r = MultilogRun.WithFileInput(program, temp.Path, Numbered(3), "./log");
            Assert.Equal(111, r.ExitCode);
            Assert.Equal("multilog: fatal: unable to open directory ./log: not a directory\n", r.Err);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_locked_directory_is_refused_by_either_while_the_other_runs(bool debianHolds)
    {
        string holder = debianHolds ? Programs.Debian("multilog") : Programs.Ours("multilog");
        string other = debianHolds ? Programs.Ours("multilog") : Programs.Debian("multilog");
        using var temp = new TempDirectory();
        var info = new ProcessStartInfo(holder) { RedirectStandardInput = true, WorkingDirectory = temp.Path, UseShellExecute = false };
        info.ArgumentList.Add("./log");
        using Process running = Process.Start(info)!;
        try
        {
            Eventually.True(() => File.Exists(temp.Combine("log", "state")), "the first multilog to set up ./log");
            ProgramResult r = ProgramRun.Run(other, ["./log"], workingDirectory: temp.Path);
            Assert.Equal(111, r.ExitCode);
            Assert.Equal("multilog: fatal: unable to lock directory ./log: temporary failure\n", r.Err);
            running.StandardInput.Write("kept\n");
            running.StandardInput.Close();
            Assert.True(running.WaitForExit(10000));
            Assert.Equal("kept\n", File.ReadAllText(temp.Combine("log", "current")));
        }
        finally
        {
            if (!running.HasExited) running.Kill();
        }
    }

    [Fact]
    public void Each_recovers_the_others_unfinished_directory()
    {
        foreach ((string first, string second) in new[] { (Programs.Debian("multilog"), Programs.Ours("multilog")), (Programs.Ours("multilog"), Programs.Debian("multilog")) })
        {
            using var temp = new TempDirectory();
            var info = new ProcessStartInfo(first) { RedirectStandardInput = true, WorkingDirectory = temp.Path, UseShellExecute = false };
            info.ArgumentList.Add("./log");
            using Process running = Process.Start(info)!;
            try
            {
                running.StandardInput.Write("before the crash\n");
                running.StandardInput.Flush();
                Eventually.True(() => File.Exists(temp.Combine("log", "current")) && File.ReadAllText(temp.Combine("log", "current")) == "before the crash\n", "the line in current");
                running.Kill();
                running.WaitForExit();
            }
            finally
            {
                if (!running.HasExited) running.Kill();
            }
            ProgramResult r = ProgramRun.Run(second, ["./log"], Encoding.ASCII.GetBytes("after\n"), workingDirectory: temp.Path);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(
                "== @1.u 644 17\nbefore the crash\n== current 744 6\nafter\n== lock 600 0\n== state 644 0\n",
                LogSnapshot.Of(temp.Combine("log")));
        }
    }

    /// <summary>Crash leftovers: file name, mode (octal) and content, as a killed multilog can leave them mid-rotation.</summary>
    public static TheoryData<string> Leftovers => new()
    {
        "current:644:half written\n",
        "current:744:closed cleanly\n|state:644:old state\n",
        "previous:744:rotated\n|current:644:new\n|state:644:s\n",
        "previous:744:rotated\n|processed:644:half processed\n|newstate:644:n\n|current:644:new\n|state:644:s\n",
        "previous:744:rotated\n|processed:744:processed\n|newstate:644:n\n|current:644:new\n|state:644:s\n",
        "processed:744:processed\n|newstate:644:n\n|current:744:clean\n|state:644:s\n",
    };

    [Theory]
    [MemberData(nameof(Leftovers))]
    public void Recovery_from_every_rotation_step_matches(string leftovers)
    {
        string Run(string program)
        {
            using var temp = new TempDirectory();
            string log = temp.Combine("log");
            Directory.CreateDirectory(log);
            foreach (string entry in leftovers.Split('|'))
            {
                string[] parts = entry.Split(':', 3);
                string path = Path.Combine(log, parts[0]);
                File.WriteAllText(path, parts[2]);
                File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(parts[1], 8));
            }
            ProgramResult r = MultilogRun.WithFileInput(program, temp.Path, Encoding.ASCII.GetBytes("after\n"), "!cat; echo processor >&5", "./log");
            Assert.Equal(0, r.ExitCode);
            return LogSnapshot.Of(log);
        }

        Assert.Equal(Run(Programs.Debian("multilog")), Run(Programs.Ours("multilog")));
    }
}
