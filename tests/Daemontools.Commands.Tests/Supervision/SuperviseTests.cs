using System.Diagnostics;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands.Tests.Supervision;

/// <summary>supervise's own behaviour: the lock, failures it survives, reaping, restarts.</summary>
public sealed class SuperviseTests
{
    private static int[] Children(int pid, out int zombies)
    {
        var children = new List<int>();
        zombies = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int child)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) != pid) continue;
            children.Add(child);
            if (fields[0] == "Z") zombies++;
        }
        return [.. children];
    }

    [Theory]
    [MemberData(nameof(Implementations.Pairs), MemberType = typeof(Implementations))]
    public void A_second_supervise_on_the_same_directory_exits_111(string first, string second)
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Implementations.Program(first, "supervise"));
        Eventually.True(() => service.Client(Programs.Debian("svok"), "svc").ExitCode == 0, "the first supervise to run");
        ProgramResult result = service.Client(Implementations.Program(second, "supervise"), "svc");
        Assert.Equal(111, result.ExitCode);
        Assert.Equal("supervise: fatal: unable to acquire svc/supervise/lock: temporary failure\n", result.Err);
        Assert.False(service.Exited);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void A_run_that_cannot_be_executed_is_reported_and_retried(string supervise)
    {
        using var service = new SupervisedService("exit 0").Start(Implementations.Program(supervise, "supervise"));
        File.SetUnixFileMode(Path.Combine(service.Path, "run"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        service.Client(Programs.Ours("svc"), "-u", "svc");
        const string line = "supervise: fatal: unable to start svc/run: access denied\n";
        Eventually.True(() => service.Stderr.Split(line).Length > 2, "two reports of the failed start");
        Assert.Equal(0, service.Client(Programs.Ours("svok"), "svc").ExitCode);
        Assert.False(service.Exited);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void A_status_file_that_cannot_be_written_is_a_warning(string supervise)
    {
        using var service = new SupervisedService("exec sleep 1000", down: true);
        Directory.CreateDirectory(Path.Combine(service.Path, "supervise", "status.new"));
        service.Start(Implementations.Program(supervise, "supervise"));
        const string line = "supervise: warning: unable to open svc/supervise/status.new: is a directory\n";
        Eventually.True(() => service.Stderr.Contains(line, StringComparison.Ordinal), "the status warning");
        // The warning comes from the first status write, before supervise/ok exists: await it.
        Eventually.True(() => service.Client(Programs.Ours("svok"), "svc").ExitCode == 0, "supervise to answer svok after the warning");
        Assert.False(service.Exited);
    }

    [Fact]
    public void Killed_run_is_reaped_and_restarted_and_no_zombie_is_left()
    {
        using var service = new SupervisedService("echo start >> log; exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        for (int i = 0; i < 3; i++)
        {
            // Kill only once this run has logged its start, so every start is counted.
            int started = i + 1;
            Eventually.True(() => service.Log().Length == started, $"start {started} to be logged");
            int pid = service.RunPid;
            using (var run = Process.GetProcessById(pid)) run.Kill();
            Eventually.True(() => service.RunPid != 0 && service.RunPid != pid, "a new ./run after kill -9");
        }
        Eventually.True(() => service.Log().Length == 4, "four starts logged");
        int[] children = Children(service.SupervisePid, out int zombies);
        Assert.Equal(0, zombies);
        Assert.Equal([service.RunPid], children);
    }

    [Fact]
    public void An_inherited_ignored_SIGCHLD_does_not_stop_restarts()
    {
        using var service = new SupervisedService("echo start >> log; exec sleep 0");
        service.Start("/bin/sh", info =>
        {
            info.ArgumentList.Clear();
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"trap '' CHLD; exec {Programs.Ours("supervise")} svc");
        });
        Eventually.True(() => service.Log().Length >= 3, "three starts of a run that exits at once");
        Eventually.True(() => File.ReadAllText($"/proc/{service.SupervisePid}/status").Contains("SigIgn:\t0000000000000000", StringComparison.Ordinal)
            || (Convert.ToUInt64(File.ReadAllLines($"/proc/{service.SupervisePid}/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim(), 16) & (1UL << 16)) == 0,
            "SIGCHLD back to its default in supervise");
        // While ./run keeps exiting, one is a zombie for the moment between its exit and supervise's
        // waitpid, so looking then proves nothing. Down with nothing owed ("want up" gone), the last
        // ./run has been reaped (the status is written after waitpid) and no other is started.
        Assert.Equal(0, service.Client(Programs.Ours("svc"), "-d", "svc").ExitCode);
        service.AwaitStatus(Programs.Debian("svstat"), "svc: down S seconds, normally up");
        Assert.Empty(Children(service.SupervisePid, out int zombies));
        Assert.Equal(0, zombies);
    }

    [Fact]
    public void The_run_gets_default_signal_handling_and_no_supervise_descriptors()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        int pid = service.RunPid;
        string[] status = File.ReadAllLines($"/proc/{pid}/status");
        Assert.Contains("SigBlk:\t0000000000000000", status);
        // supervise itself ignores every signal it has no use for; glibc's posix_spawn sets its two
        // internal signals (32, 33) to ignored, and the program's own glibc takes them over at start.
        ulong ignored = Convert.ToUInt64(status.First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim(), 16);
        Assert.Equal(0UL, ignored & ~0x1_8000_0000UL);
        string[] targets = [.. Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Select(fd => new FileInfo(fd).LinkTarget ?? string.Empty)];
        Assert.DoesNotContain(targets, t => t.Contains("supervise/", StringComparison.Ordinal) || t.Contains("pidfd", StringComparison.Ordinal));
        Assert.Equal(service.Path, new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget);
    }

    [Fact]
    public void A_regular_file_in_place_of_the_control_fifo_at_start_is_obeyed_and_a_fifo_put_back()
    {
        using var service = new SupervisedService("exec sleep 1000");
        string control = Path.Combine(service.Path, "supervise", "control");
        Directory.CreateDirectory(Path.GetDirectoryName(control)!);
        File.WriteAllText(control, "d");
        service.Start(Programs.Ours("supervise"));
        Eventually.True(() => IsFifo(control), "a FIFO put back as supervise/control");
        service.AwaitStatus(Programs.Debian("svstat"), "svc: down S seconds, normally up");
        Assert.Equal(0, service.Client(Programs.Debian("svc"), "-u", "svc").ExitCode);
        service.AwaitStatus(Programs.Debian("svstat"), "svc: up (pid N) S seconds");
        Assert.Equal("supervise: warning: svc/supervise/control was not a FIFO: a FIFO put back, commands written into it applied\n", service.Stderr);
    }

    [Fact]
    public void Control_replaced_while_supervise_runs_is_repaired_at_its_next_wake_and_loses_no_command()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        string control = Path.Combine(service.Path, "supervise", "control");
        service.AwaitStatus(Programs.Debian("svstat"), "svc: up (pid N) S seconds");
        int run = service.RunPid;

        // An empty regular file renamed over the FIFO: our svc still writes into it, and says so.
        File.WriteAllText(Path.Combine(service.Root, "replacement"), string.Empty);
        File.Move(Path.Combine(service.Root, "replacement"), control, overwrite: true);
        ProgramResult svc = service.Client(Programs.Ours("svc"), "-d", "svc");
        Assert.Equal(0, svc.ExitCode);
        Assert.Equal("svc: warning: unable to control svc: supervise/control is not a FIFO; supervise applies the commands when it next wakes\n", svc.Err);
        Assert.Equal("d", File.ReadAllText(control));

        // ./run's death wakes supervise: it applies the "d" before handling the exit, so no new ./run.
        ProcessTree.Kill(run, ProcessTree.SIGKILL);
        service.AwaitStatus(Programs.Debian("svstat"), "svc: down S seconds, normally up");
        Assert.True(IsFifo(control), "a FIFO put back as supervise/control");
        Assert.Equal("supervise: warning: svc/supervise/control was not a FIFO: a FIFO put back, commands written into it applied\n", service.Stderr);

        // The new FIFO is heard at once.
        ProgramResult up = service.Client(Programs.Ours("svc"), "-u", "svc");
        Assert.Equal((0, string.Empty), (up.ExitCode, up.Err));
        service.AwaitStatus(Programs.Debian("svstat"), "svc: up (pid N) S seconds");
        Assert.False(service.Exited);
    }

    [Fact]
    public void Supervise_holds_no_inotify_instance()
    {
        // fs.inotify.max_user_instances (128 by default) is per user: a tree of hundreds of
        // supervise would take every instance from the user's other programs.
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        service.AwaitStatus(Programs.Debian("svstat"), "svc: up (pid N) S seconds");
        string[] targets = [.. Directory.EnumerateFileSystemEntries($"/proc/{service.SupervisePid}/fd").Select(fd => new FileInfo(fd).LinkTarget ?? string.Empty)];
        Assert.Contains(targets, t => t.EndsWith("/supervise/control", StringComparison.Ordinal));
        Assert.DoesNotContain("anon_inode:inotify", targets);
    }

    private static bool IsFifo(string path) => FileSystem.Stat(path, out FileFacts facts) == Errno.None && facts.IsFifo;

    [Fact]
    public void Supervise_files_have_the_originals_modes()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        // Not svok: supervise/ok exists before the first status is written (status.new, then renamed).
        Eventually.True(() => service.RunPid != 0, "supervise to write ./run's pid");
        string dir = Path.Combine(service.Path, "supervise");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "control")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "ok")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "lock")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        Assert.Equal(18, new FileInfo(Path.Combine(dir, "status")).Length);
        Assert.False(File.Exists(Path.Combine(dir, "status.new")));
    }
}
