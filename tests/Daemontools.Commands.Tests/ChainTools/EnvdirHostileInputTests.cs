namespace Daemontools.Commands.Tests.ChainTools;

/// <summary>
/// envdir on files made to hurt: a 10 MB line, a 10 MB file behind a short first line, a FIFO
/// nobody writes to, values either side of the kernel's limit for one environment string. Ours
/// reads only what it needs, in bounded memory, and ends as Debian's does (which reads it all).
/// </summary>
public sealed class EnvdirHostileInputTests
{
    private const int TenMegabytes = 10_000_000;

    // MAX_ARG_STRLEN, 32 pages: "V=" + value + NUL may take this many bytes and no more.
    private static readonly int LongestString = 32 * Environment.SystemPageSize;

    [Fact]
    public void A_ten_megabyte_line_cannot_be_passed_on_argument_list_too_long()
    {
        ProgramResult ours = ChainScenario.Same("envdir env sh -c 'echo ${#V}'", dir => Write(dir, "V", new string('a', TenMegabytes)));
        Assert.Equal(111, ours.ExitCode);
        Assert.Equal("envdir: fatal: unable to run sh: argument list too long\n", ours.Err);
    }

    [Fact]
    public void A_ten_megabyte_file_with_a_short_first_line_gives_that_line()
    {
        ProgramResult ours = ChainScenario.Same("envdir env sh -c 'echo ${#V}'", dir => Write(dir, "V", "short\n" + new string('b', TenMegabytes)));
        Assert.Equal("5\n", ours.Out);
    }

    [Fact]
    public void A_long_run_of_trailing_blanks_is_still_removed()
    {
        ProgramResult ours = ChainScenario.Same("envdir env sh -c 'echo \"[$V]\"'", dir => Write(dir, "V", "value" + new string(' ', 300_000) + "\t\nnext\n"));
        Assert.Equal("[value]\n", ours.Out);
    }

    [Fact]
    public void A_fifo_nobody_writes_to_reads_as_empty_and_removes_the_variable()
    {
        ProgramResult ours = ChainScenario.Same(
            "F=set envdir env sh -c 'echo \"${F-unset} ${V}\"'",
            dir =>
            {
                Write(dir, "V", "v\n");
                Assert.Equal(0, ProgramRun.Run("/usr/bin/mkfifo", [dir.Combine("env", "F")]).ExitCode);
            });
        Assert.Equal("unset v\n", ours.Out);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 111)]
    public void A_value_at_the_kernels_limit_passes_and_one_byte_more_does_not(int over, int exitCode)
    {
        int length = LongestString - "V=".Length - 1 + over;
        ProgramResult ours = ChainScenario.Same("envdir env sh -c 'echo ${#V}'", dir => Write(dir, "V", new string('c', length) + "\n"));
        Assert.Equal(exitCode, ours.ExitCode);
    }

    private static void Write(TempDirectory dir, string name, string contents)
    {
        Directory.CreateDirectory(dir.Combine("env"));
        File.WriteAllText(dir.Combine("env", name), contents);
    }
}
