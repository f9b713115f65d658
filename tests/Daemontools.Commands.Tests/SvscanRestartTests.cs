namespace Daemontools.Commands.Tests;

/// <summary>
/// svscan killed with SIGKILL while its tree runs, and a new one started on the same directory
/// (issue 14 §4): the new one adopts the supervise processes left running instead of starting
/// copies beside them, and takes back the pipe between a service and its logger (pidfd_getfd), so
/// that a supervise replaced later is joined to the same pipe and the service's output still
/// reaches its log. 0.76 (and ours before) made a fresh pipe that no running supervise ever saw.
/// </summary>
public sealed class SvscanRestartTests : IDisposable
{
    private readonly ScanTree _tree = new();

    private string Dir(params string[] parts) => _tree.Dir(parts);

    /// <summary>Our svscan with either supervise (Debian's takes its lock the same way).</summary>
    public void Dispose() => _tree.Dispose();

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void A_restarted_svscan_takes_the_log_pipe_back_and_starts_no_second_supervise(string supervise)
    {
        // Each start of ./run logs its own pid: a line from a later instance proves the pipe still reaches the logger.
        RunScripts.Service(Dir("a"), "echo \"start $$\"\nexec sleep 1000", $"exec {Programs.Ours("multilog")} ./main");
        RunningScanner first = Start(supervise);
        AwaitLogged(Dir("a"));
        var main = first.Supervisors().Single(s => s.Args == "supervise a");
        var log = first.Supervisors().Single(s => s.Args == "supervise log");
        string pipe = ProcessTree.Descriptor(main.Pid, 1)!;
        Assert.StartsWith("pipe:", pipe);

        first.Signal(ProcessTree.SIGKILL);
        Assert.NotNull(first.WaitForExit(TimeSpan.FromSeconds(10)));
        RunningScanner second = Start(supervise);
        Eventually.True(() => Held(second.Pid).Count(target => target == pipe) == 2, "the new svscan to hold both ends of the old pipe");

        // The logger's supervise replaced: the new one, started by the new svscan, reads the old pipe.
        Assert.Equal(0, ProgramRun.Run(Programs.Ours("svc"), ["-dx", Dir("a", "log")]).ExitCode);
        Eventually.True(() => !ProcessTree.Alive(log.Pid), "the adopted supervise log to exit");
        Eventually.True(() => second.Supervisors().Any(s => s.Args == "supervise log" && ProcessTree.Descriptor(s.Pid, 0) == pipe), "a new supervise log on the old pipe");
        // And the service's supervise: the new one writes into it.
        Assert.Equal(0, ProgramRun.Run(Programs.Ours("svc"), ["-dx", Dir("a")]).ExitCode);
        Eventually.True(() => !ProcessTree.Alive(main.Pid), "the adopted supervise a to exit");
        Eventually.True(() => second.Supervisors().Any(s => s.Args == "supervise a" && ProcessTree.Descriptor(s.Pid, 1) == pipe), "a new supervise a on the old pipe");
        AwaitLogged(Dir("a"));

        // The children restarted under the new supervisors: still joined.
        int logger = ServiceTree.ServicePid(Dir("a", "log"));
        Assert.Equal(0, ProgramRun.Run(Programs.Ours("svc"), ["-k", Dir("a", "log")]).ExitCode);
        Eventually.True(() => ServiceTree.ServicePid(Dir("a", "log")) is int pid && pid != 0 && pid != logger, "multilog restarted");
        int service = ServiceTree.ServicePid(Dir("a"));
        Assert.Equal(0, ProgramRun.Run(Programs.Ours("svc"), ["-k", Dir("a")]).ExitCode);
        Eventually.True(() => ServiceTree.ServicePid(Dir("a")) is int pid && pid != 0 && pid != service, "./run restarted");
        AwaitLogged(Dir("a"));

        // One supervise per directory all along: none was started beside the adopted ones.
        Assert.Single(SupervisorsOf(Dir("a")));
        Assert.Single(SupervisorsOf(Dir("a", "log")));
        Assert.DoesNotContain("unable to acquire", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unable to take back", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_pidfd_getfd_is_refused_a_restarted_svscan_says_so_and_makes_a_new_pipe_as_0_76_does()
    {
        RunScripts.Service(Dir("a"), "echo \"start $$\"\nexec sleep 1000", $"exec {Programs.Ours("multilog")} ./main");
        RunningScanner first = Start("ours");
        AwaitLogged(Dir("a"));
        var log = first.Supervisors().Single(s => s.Args == "supervise log");
        string pipe = ProcessTree.Descriptor(log.Pid, 0)!;

        first.Signal(ProcessTree.SIGKILL);
        Assert.NotNull(first.WaitForExit(TimeSpan.FromSeconds(10)));
        // The launcher makes pidfd_getfd fail with EPERM, as Yama does for a svscan that is not root, and execs in place.
        string refused = _tree.Beside("svscan-without-pidfd-getfd");
        RunScripts.Shell(refused, $"exec {Path.Combine(AppContext.BaseDirectory, "without-pidfd-getfd")} {Programs.Ours("svscan")} \"$@\"");
        RunningScanner second = Start("ours", refused);
        const string Refused = "svscan: warning: unable to take back the pipe between the running supervise a and a/log, making a new one: permission denied\n";
        Eventually.True(() => second.Stderr.Contains(Refused, StringComparison.Ordinal), "the warning");
        Assert.DoesNotContain(pipe, Held(second.Pid));

        // The survivors are still adopted; a logger's supervise that exits is started again, on the new pipe.
        Assert.Equal(0, ProgramRun.Run(Programs.Ours("svc"), ["-dx", Dir("a", "log")]).ExitCode);
        Eventually.True(() => !ProcessTree.Alive(log.Pid), "the adopted supervise log to exit");
        Eventually.True(() => second.Supervisors().Any(s => s.Args == "supervise log" && ProcessTree.Descriptor(s.Pid, 0) is string p && p.StartsWith("pipe:", StringComparison.Ordinal) && p != pipe), "a new supervise log on a new pipe");
        Assert.Single(SupervisorsOf(Dir("a")));
        Assert.Single(SupervisorsOf(Dir("a", "log")));
        Assert.DoesNotContain("unable to acquire", second.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void An_adopted_supervise_that_dies_is_started_again_without_waiting_for_the_next_full_pass(string supervise)
    {
        RunScripts.Service(Dir("a"), "exec sleep 1000");
        RunningScanner first = Start(supervise);
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up");
        int adopted = first.Supervisors().Single(s => s.Args == "supervise a").Pid;
        first.Signal(ProcessTree.SIGKILL);
        Assert.NotNull(first.WaitForExit(TimeSpan.FromSeconds(10)));
        RunningScanner second = Start(supervise);
        Eventually.True(() => Held(second.Pid).Contains("anon_inode:[pidfd]"), "the new svscan to adopt supervise a");

        // Not svscan's child: no SIGCHLD. Only its pidfd says it ended; 0.76's 5-second pass would find it later.
        ProcessTree.Kill(adopted, ProcessTree.SIGKILL);
        Eventually.True(() => second.Supervisors().Any(s => s.Args == "supervise a"), "a new supervise a");
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up again");
        Assert.Single(SupervisorsOf(Dir("a")));
    }

    private RunningScanner Start(string supervise, string? svscan = null) =>
        _tree.Start(svscan ?? Programs.Ours("svscan"), supervise);

    /// <summary>Waits until the ./run now up in <paramref name="service"/> has its start line in log/main.</summary>
    private static void AwaitLogged(string service)
    {
        int pid = 0;
        Eventually.True(() => (pid = ServiceTree.ServicePid(service)) != 0 && ServiceTree.Log(Path.Combine(service, "log", "main")).Contains($"start {pid}\n", StringComparison.Ordinal), $"the start line of ./run {pid} in log/main");
    }

    /// <summary>What every descriptor of <paramref name="pid"/> points at.</summary>
    private static IEnumerable<string?> Held(int pid) =>
        Directory.GetFiles($"/proc/{pid}/fd").Select(fd => ProcessTree.Descriptor(pid, int.Parse(Path.GetFileName(fd), System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Live supervise processes (anyone's) working in <paramref name="directory"/>.</summary>
    private static List<int> SupervisorsOf(string directory) =>
        [.. ProcessTree.InDirectory(directory).Where(p => ProcessTree.WorkingDirectory(p) == directory && ProcessTree.Args(p) is string args && args.StartsWith("supervise ", StringComparison.Ordinal))];
}
