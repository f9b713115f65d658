using System.Text;
using Daemontools.Engine.ProcessState;

namespace Daemontools.Engine.Tests.ProcessState;

public sealed class EnvDirectoryTests
{
    [Theory]
    [InlineData("value\nsecond\n", "value")]
    [InlineData("trailing \t \t\n", "trailing")]
    [InlineData("\n", "")]
    [InlineData(" \t\n", "")]
    [InlineData("no newline", "no newline")]
    [InlineData("a\0b\n", "a\nb")]
    [InlineData("  leading kept", "  leading kept")]
    public void The_value_is_the_first_line_without_trailing_blanks_and_with_NUL_as_newline(string contents, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(EnvDirectory.FirstLine(Encoding.UTF8.GetBytes(contents))));

    [Fact]
    public void Reading_a_directory_skips_dotfiles_and_reports_empty_files_as_removals()
    {
        using var temp = new TempDirectory("dt-envdir-");
        string dir = temp.Path;
        File.WriteAllText(Path.Combine(dir, "SET"), "x\n");
        File.WriteAllText(Path.Combine(dir, "GONE"), string.Empty);
        File.WriteAllText(Path.Combine(dir, ".hidden"), "y");
        var entries = EnvDirectory.Read(dir).ToDictionary(e => e.NameText, e => e.ValueText);
        Assert.Equal(2, entries.Count);
        Assert.Equal("x", entries["SET"]);
        Assert.Null(entries["GONE"]);
    }

    [Fact]
    public void A_missing_directory_fails_at_switching_to_it()
    {
        var e = Assert.Throws<EnvDirectoryException>(() => EnvDirectory.Read("/nonexistent-envdir"));
        Assert.Equal(EnvDirectoryStep.SwitchDirectory, e.Step);
        Assert.Equal(2, (int)e.Errno);
    }

    [Fact]
    public void A_huge_line_is_read_in_bounded_memory_and_kept_no_longer_than_exec_allows()
    {
        using var temp = new TempDirectory("dt-envdir-");
        string dir = temp.Path;
        File.WriteAllText(Path.Combine(dir, "BIG"), new string('a', 10_000_000));
        File.WriteAllText(Path.Combine(dir, "SHORT"), "short\n" + new string('b', 10_000_000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var entries = EnvDirectory.Read(dir).ToDictionary(e => e.NameText, e => e.Value);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        int longest = 32 * Environment.SystemPageSize;
        Assert.Equal(longest, entries["BIG"]!.Length);
        Assert.Equal("short"u8.ToArray(), entries["SHORT"]);
        Assert.True(allocated < 4 * longest, $"{allocated} bytes allocated reading 20 MB");
    }

    [Fact]
    public async Task A_fifo_without_a_writer_is_read_as_empty_without_waiting()
    {
        using var temp = new TempDirectory("dt-envdir-");
        string dir = temp.Path;
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [Path.Combine(dir, "FIFO")]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        IReadOnlyList<EnvDirectoryEntry> entries = await Task.Run(() => EnvDirectory.Read(dir)).WaitAsync(TimeSpan.FromSeconds(30));
        EnvDirectoryEntry entry = Assert.Single(entries);
        Assert.Null(entry.Value);
    }
}
