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
        string dir = Directory.CreateTempSubdirectory("dt-envdir-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "SET"), "x\n");
            File.WriteAllText(Path.Combine(dir, "GONE"), string.Empty);
            File.WriteAllText(Path.Combine(dir, ".hidden"), "y");
            var entries = EnvDirectory.Read(dir).ToDictionary(e => e.NameText, e => e.ValueText);
            Assert.Equal(2, entries.Count);
            Assert.Equal("x", entries["SET"]);
            Assert.Null(entries["GONE"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_directory_fails_at_switching_to_it()
    {
        var e = Assert.Throws<EnvDirectoryException>(() => EnvDirectory.Read("/nonexistent-envdir"));
        Assert.Equal(EnvDirectoryStep.SwitchDirectory, e.Step);
        Assert.Equal(2, (int)e.Errno);
    }
}
