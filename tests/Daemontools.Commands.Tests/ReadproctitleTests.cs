using System.Diagnostics;

namespace Daemontools.Commands.Tests;

/// <summary>readproctitle: the last bytes read show in ps, as Debian's does; usage and end of file exit codes.</summary>
public sealed class ReadproctitleTests
{
    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void Ps_shows_the_latest_bytes_read_after_three_dots(string which)
    {
        var info = new ProcessStartInfo(Implementations.Program(which, "readproctitle")) { RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "service", "errors:", new string('.', 12) }) info.ArgumentList.Add(a);
        using Process process = Process.Start(info)!;
        try
        {
            process.StandardInput.BaseStream.Write("first line\nsecond\0 line\n"u8);
            process.StandardInput.BaseStream.Flush();
            string expected = " service errors: ...ond line\n";
            Eventually.True(() => ProcessTree.Args(process.Id)?.EndsWith(expected, StringComparison.Ordinal) == true, $"args ending in '{expected}', got '{ProcessTree.Args(process.Id)}'");
            Assert.Equal(Implementations.Program(which, "readproctitle") + expected, ProcessTree.Args(process.Id));

            process.StandardInput.Close();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    [Theory]
    [InlineData("ours")]
    [InlineData("debian")]
    public void Too_few_arguments_or_a_short_last_argument_exit_100(string which)
    {
        Assert.Equal(100, ProgramRun.Run(Implementations.Program(which, "readproctitle"), []).ExitCode);
        Assert.Equal(100, ProgramRun.Run(Implementations.Program(which, "readproctitle"), ["service", "...."]).ExitCode);
        ProgramResult ok = ProgramRun.Run(Implementations.Program(which, "readproctitle"), ["service", "abcde"], stdin: []);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(string.Empty, ok.Err);
    }
}
