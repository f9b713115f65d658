using Daemontools.Engine.Logging;

namespace Daemontools.Engine.Tests.Logging;

public class MultilogScriptTests
{
    [Fact]
    public void T_counts_only_as_the_first_argument()
    {
        Assert.Equal(TimestampStyle.Tai64N, MultilogScript.Parse(["t", "./log"]).Timestamp);
        Assert.Equal(TimestampStyle.Tai64N, MultilogScript.Parse(["timestamp", "./log"]).Timestamp);
        Assert.Equal(TimestampStyle.None, MultilogScript.Parse(["./log", "t"]).Timestamp);
        Assert.Equal(TimestampStyle.None, MultilogScript.Parse(["s5000", "t", "./log"]).Timestamp);
        Assert.Equal(TimestampStyle.Iso8601, MultilogScript.Parse(["T", "./log"]).Timestamp);
    }

    [Theory]
    [InlineData("s1", 4096)]
    [InlineData("s", 4096)]
    [InlineData("sfoo", 4096)]
    [InlineData("s5000", 5000)]
    [InlineData("s5000kb", 5000)]
    [InlineData("s99999999", 16777215)]
    [InlineData("s16777215", 16777215)]
    public void Size_is_scanned_and_clamped(string action, long expected) =>
        Assert.Equal(expected, MultilogScript.Parse([action, "./log"]).Directories[0].Size);

    [Theory]
    [InlineData("n0", 2)]
    [InlineData("n1", 2)]
    [InlineData("n", 2)]
    [InlineData("n3", 3)]
    [InlineData("n20x", 20)]
    public void Count_has_a_minimum_of_two(string action, int expected) =>
        Assert.Equal(expected, MultilogScript.Parse([action, "./log"]).Directories[0].Count);

    [Fact]
    public void Settings_apply_to_directories_named_after_them()
    {
        MultilogScript script = MultilogScript.Parse(["./a", "s5000", "n3", "!gzip", "./b", "s6000", "/c"]);
        Assert.Equal([99999L, 5000L, 6000L], script.Directories.Select(d => d.Size));
        Assert.Equal([10, 3, 3], script.Directories.Select(d => d.Count));
        Assert.Equal([null, "gzip", "gzip"], script.Directories.Select(d => d.Processor));
    }

    [Fact]
    public void Unknown_arguments_are_silently_ignored()
    {
        MultilogScript script = MultilogScript.Parse(["x", "log", "", "~", "e", "+a*", "-b", "=st", "./d"]);
        Assert.Equal(
            [ScriptActionKind.Alert, ScriptActionKind.Select, ScriptActionKind.Deselect, ScriptActionKind.Status, ScriptActionKind.Directory],
            script.Actions.Select(a => a.Kind));
        Assert.Equal(["st"], script.StatusFiles);
    }

    [Fact]
    public void Scan_unsigned_wraps_like_unsigned_long() =>
        Assert.Equal(unchecked(18446744073709551615UL * 10 + 9), MultilogScript.ScanUnsigned("184467440737095516159"));

    [Fact]
    public void New_letters_set_age_and_total_size()
    {
        LogDirectorySettings d = MultilogScript.Parse(["R60", "S1000000", "./log"]).Directories[0];
        Assert.Equal(TimeSpan.FromSeconds(60), d.MaxAge);
        Assert.Equal(1000000, d.TotalSize);
    }
}
