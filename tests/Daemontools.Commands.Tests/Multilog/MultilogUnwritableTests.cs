namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// The log directory becomes unwritable mid-run (multilog runs as nobody, since root ignores
/// permission bits), then writable again: the rotation is paused with the original's warning,
/// retried, and no line is lost. Same under Debian's multilog and ours.
/// </summary>
public sealed class MultilogUnwritableTests
{
    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void Unwritable_directory_pauses_warns_and_loses_nothing(string which)
    {
        string program = Implementations.Program(which, "multilog");
        using var temp = new TempDirectory();
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0x1ed); // 0755: nobody must reach ./log
        string log = temp.Combine("log");
        Directory.CreateDirectory(log);
        Assert.Equal(0, ProgramRun.Run("/bin/chown", ["nobody", log]).ExitCode);

        using var running = new RunningMultilog(Programs.Debian("setuidgid"), temp.Path, "nobody", program, "s4096", "n100", "./log");
        Eventually.True(() => File.Exists(Path.Combine(log, "state")), "multilog to set up ./log");
        File.SetUnixFileMode(log, (UnixFileMode)0x140); // 0500: no renames, no new files

        string expected = running.WriteNumberedLines(4, 50, "while the directory is read-only");
        Eventually.True(
            () => running.Stderr.Contains("multilog: warning: unable to rename current to previous in directory ./log, pausing: access denied"),
            "the rename warning");
        File.SetUnixFileMode(log, (UnixFileMode)0x1c0); // 0700 again
        running.CloseInput();
        Assert.Equal(0, running.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(expected, ServiceTree.Log(log));
    }
}
