using System.Text;
using Daemontools.Engine.Logging;

namespace Daemontools.Engine.Tests.Logging;

public sealed class MultilogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dt-multilog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (Multilog Log, List<string> Alerts) Open(params string[] script)
    {
        var alerts = new List<string>();
        var options = new MultilogOptions
        {
            StartDirectory = _dir,
            Clock = new FixedClock(),
            Alert = bytes => alerts.Add(Encoding.ASCII.GetString(bytes)),
        };
        return (Multilog.Open(MultilogScript.Parse(script), options), alerts);
    }

    private static void Feed(Multilog log, string text)
    {
        log.Write(Encoding.ASCII.GetBytes(text));
        log.Flush();
    }

    private string[] Archives(string dir) =>
        Directory.GetFiles(Path.Combine(_dir, dir), "@*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private string Read(string dir, string file) => File.ReadAllText(Path.Combine(_dir, dir, file));

    [Fact]
    public void Selection_follows_the_actions_in_order()
    {
        (Multilog log, List<string> alerts) = Open("-*", "+error*", "e", "./err", "+*", "-debug*", "./all");
        using (log)
        {
            Feed(log, "error one\ninfo two\ndebug three\nerror four\n");
            log.Complete();
        }
        Assert.Equal("error one\nerror four\n", Read("err", "current"));
        Assert.Equal("error one\ninfo two\nerror four\n", Read("all", "current"));
        Assert.Equal(["error one\n", "error four\n"], alerts);
    }

    [Fact]
    public void Timestamps_prefix_lines_and_patterns_see_them()
    {
        (Multilog log, _) = Open("t", "-*", "+@400000006553f10a* b*", "./log");
        using (log)
        {
            Feed(log, "a\nb\n");
            log.Complete();
        }
        string current = Read("log", "current");
        Assert.Matches("^@400000006553f10a[0-9a-f]{8} b\n$", current);
    }

    [Fact]
    public void Partial_last_line_gets_a_newline_and_current_is_marked_complete()
    {
        (Multilog log, _) = Open("./log");
        using (log)
        {
            Feed(log, "one\ntw");
            Feed(log, "o");
            log.Complete();
        }
        Assert.Equal("one\ntwo\n", Read("log", "current"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(Path.Combine(_dir, "log", "current")));
    }

    [Fact]
    public void Only_the_first_1000_bytes_are_matched_but_long_lines_pass_whole()
    {
        string longLine = new string('a', 999) + "X" + new string('b', 3000);
        (Multilog log, List<string> alerts) = Open("-*X", "e", "./log");
        using (log)
        {
            Feed(log, longLine + "\nshort\n");
            log.Complete();
        }
        Assert.Equal("short\n", Read("log", "current"));
        Assert.Equal(["short\n"], alerts);

        (Multilog log2, List<string> alerts2) = Open("e", "./log2");
        using (log2)
        {
            Feed(log2, longLine + "\n");
            log2.Complete();
        }
        Assert.Equal(longLine + "\n", Read("log2", "current"));
        Assert.Equal(new string('a', 200) + "...\n", alerts2[0]);
    }

    [Fact]
    public void Status_file_holds_the_last_selected_line_in_1001_bytes()
    {
        (Multilog log, _) = Open("-skip*", "=status");
        using (log)
        {
            Feed(log, "first\nsecond\nskip me\n");
            log.Complete();
        }
        byte[] status = File.ReadAllBytes(Path.Combine(_dir, "status"));
        Assert.Equal(1001, status.Length);
        Assert.Equal("second" + new string('\n', 995), Encoding.ASCII.GetString(status));
    }

    [Fact]
    public void Files_end_at_a_newline_within_2000_bytes_of_the_size_and_n_keeps_n_minus_1()
    {
        (Multilog log, _) = Open("s4096", "n3", "./log");
        var all = new StringBuilder();
        using (log)
        {
            for (int i = 0; i < 400; i++)
            {
                string line = $"line {i} " + new string('x', i % 37) + "\n";
                all.Append(line);
                Feed(log, line);
            }
            log.Complete();
        }
        string[] archives = Archives("log");
        Assert.Equal(2, archives.Length);
        Assert.All(archives, a => Assert.EndsWith(".s", a));
        foreach (string a in archives)
        {
            string text = Read("log", a);
            Assert.InRange(text.Length, 4096 - 2000, 4096);
            Assert.EndsWith("\n", text);
        }
        string kept = string.Concat(archives.Select(a => Read("log", a))) + Read("log", "current");
        Assert.EndsWith(kept, all.ToString());
    }

    [Fact]
    public void A_line_longer_than_the_size_is_cut_at_the_size()
    {
        (Multilog log, _) = Open("s4096", "./log");
        using (log)
        {
            Feed(log, new string('z', 10000) + "\n");
            log.Complete();
        }
        string[] archives = Archives("log");
        Assert.Equal([4096, 4096], archives.Select(a => Read("log", a).Length));
        Assert.Equal(10001 - 8192, Read("log", "current").Length);
    }

    [Fact]
    public void Rotation_on_request_skips_empty_current()
    {
        (Multilog log, _) = Open("./log");
        using (log)
        {
            log.RotateNonEmpty();
            Assert.Empty(Archives("log"));
            Feed(log, "x\n");
            log.RotateNonEmpty();
            log.Complete();
        }
        Assert.Single(Archives("log"));
        Assert.Equal("", Read("log", "current"));
    }

    [Fact]
    public void Unclean_current_is_recovered_as_u_and_a_second_logger_cannot_lock()
    {
        string log = Path.Combine(_dir, "log");
        Directory.CreateDirectory(log);
        File.WriteAllText(Path.Combine(log, "current"), "left over\n");
        File.SetUnixFileMode(Path.Combine(log, "current"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (Multilog first, _) = Open("./log");
        using (first)
        {
            Assert.EndsWith(".u", Assert.Single(Archives("log")));
            MultilogException e = Assert.Throws<MultilogException>(() => Open("./log"));
            Assert.Equal((MultilogStep.LockDirectory, "./log"), (e.Step, e.Path));
            first.Complete();
        }
    }

    [Fact]
    public void Age_limit_rotates_a_non_empty_current()
    {
        (Multilog log, _) = Open("R1", "./log");
        using (log)
        {
            Feed(log, "old\n");
            Assert.NotNull(log.RotateAged(DateTimeOffset.UtcNow));
            log.RotateAged(DateTimeOffset.UtcNow.AddSeconds(2));
            log.Complete();
        }
        Assert.Single(Archives("log"));
    }

    [Fact]
    public void Total_size_cap_deletes_the_oldest_archives()
    {
        (Multilog log, _) = Open("s4096", "n100", "S9000", "./log");
        using (log)
        {
            for (int i = 0; i < 1000; i++) Feed(log, $"line {i} padding padding padding\n");
            log.Complete();
        }
        long total = Archives("log").Sum(a => new FileInfo(Path.Combine(_dir, "log", a)).Length);
        Assert.InRange(total, 1, 9000);
    }

    [Fact]
    public void Iso_stamps_come_from_T_and_read_back()
    {
        (Multilog log, _) = Open("T", "./log");
        using (log)
        {
            Feed(log, "iso line\n");
            log.Complete();
        }
        string line = Read("log", "current");
        Assert.Equal("2023-11-14T22:13:20.000000Z iso line\n", line);
        (DateTimeOffset? time, string message) = LogDirectoryContents.SplitStamp(line.TrimEnd('\n'));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), time);
        Assert.Equal("iso line", message);
    }

    [Fact]
    public void Tai64n_stamps_read_back_and_plain_lines_have_no_time()
    {
        (DateTimeOffset? time, string message) = LogDirectoryContents.SplitStamp("@4000000037c219bf2ef02e94 mark");
        Assert.Equal(new DateTimeOffset(1999, 8, 24, 4, 4, 5, TimeSpan.Zero).AddTicks(7874925), time);
        Assert.Equal("mark", message);
        Assert.Equal((null, "@nope mark"), LogDirectoryContents.SplitStamp("@nope mark"));
    }
}
