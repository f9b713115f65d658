namespace Daemontools.Commands.Tests;

/// <summary>
/// svscan against a real service tree. Ours runs with Debian's supervise and multilog on PATH;
/// the differential cases run Debian's svscan through the same scenario.
/// </summary>
public sealed class SvscanTests : IDisposable
{
    private const string Sleeper = "exec sleep 1000";

    private readonly ScanTree _tree = new();

    private string Scan => _tree.Scan;

    private string Dir(params string[] parts) => _tree.Dir(parts);

    /// <summary>Our svscan with either supervise.</summary>
    public static TheoryData<string> OurScannerWith => new() { "debian", "ours" };

    private RunningScanner Start(string which = "ours", string supervise = "debian") =>
        _tree.Start(Implementations.Program(which, "svscan"), supervise);

    public void Dispose() => _tree.Dispose();

    [Theory]
    [MemberData(nameof(OurScannerWith))]
    public void New_directories_start_and_dot_directories_and_second_names_do_not(string supervise)
    {
        RunScripts.Service(Dir("a"), Sleeper);
        RunScripts.Service(Dir(".hidden"), Sleeper);
        File.CreateSymbolicLink(Dir("a-again"), Dir("a"));
        RunningScanner scanner = Start("ours", supervise);
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up");

        string staged = RunScripts.Service(_tree.Beside("staged"), Sleeper);
        Directory.Move(staged, Dir("b"));
        Eventually.True(() => ServiceTree.Up(Dir("b")), "b, renamed into place, up");

        var supervisors = scanner.Supervisors().Select(s => s.Args).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, supervisors.Count);
        Assert.Contains("supervise b", supervisors);
        Assert.Single(supervisors, a => a is "supervise a" or "supervise a-again");
        Assert.False(Directory.Exists(Dir(".hidden", "supervise")));
    }

    [Theory]
    [MemberData(nameof(Implementations.Pairs), MemberType = typeof(Implementations))] // svscan and the supervise it finds on PATH
    public void Service_output_reaches_its_logger_through_one_pipe_svscan_holds(string which, string supervise)
    {
        RunScripts.Service(Dir("a"), "echo hello from a\n" + Sleeper, "exec multilog t ./main");
        RunningScanner scanner = Start(which, supervise);
        Eventually.True(() => ServiceTree.Log(Dir("a", "log", "main")).Contains(" hello from a\n", StringComparison.Ordinal), "the line in log/main/current");

        var supervisors = scanner.Supervisors();
        var main = supervisors.Single(s => s.Args == "supervise a");
        var log = supervisors.Single(s => s.Args == "supervise log");
        string? pipe = ProcessTree.Descriptor(main.Pid, 1);
        Assert.StartsWith("pipe:", pipe);
        Assert.Equal(pipe, ProcessTree.Descriptor(log.Pid, 0));
        // supervise changes into its directory: NAME from the scan directory, log from NAME.
        Assert.Equal(Dir("a", "log"), log.Cwd);
        Assert.Equal(Dir("a"), main.Cwd);
        var held = Directory.GetFiles($"/proc/{scanner.Pid}/fd").Select(fd => new FileInfo(fd).LinkTarget);
        Assert.Equal(2, held.Count(target => target == pipe));
        Assert.All(supervisors, s => Assert.Equal(scanner.Pid, ProcessTree.Stat(s.Pid)!.Value.Group));
    }

    [Theory]
    [MemberData(nameof(Implementations.Pairs), MemberType = typeof(Implementations))] // svscan and the supervise it finds on PATH
    public void Killing_the_logger_mid_stream_loses_no_line(string which, string supervise)
    {
        const int lines = 3000;
        // The logger is ours with either svscan: its input journal loses nothing to SIGKILL, so what is
        // measured is the pipe svscan keeps. 0.76's multilog loses what it had read but not written
        // when the kill lands mid-batch (a load-dependent loss that is not svscan's).
        RunScripts.Service(
            Dir("a"),
            $"i=0\nwhile [ $i -lt {lines} ]; do i=$((i+1)); echo \"line $i\"; [ $((i % 100)) -eq 0 ] && sleep 0.05; done\n" + Sleeper,
            $"exec {Programs.Ours("multilog")} ./main");
        Start(which, supervise);
        string logDir = Dir("a", "log", "main");
        Eventually.True(() => ServiceTree.Log(logDir).Split('\n').Length > 300, "the stream under way");

        int logger = ServiceTree.ServicePid(Dir("a", "log"));
        Assert.True(logger > 0);
        ProcessTree.Kill(logger, ProcessTree.SIGKILL);

        Eventually.True(() => ServiceTree.Log(logDir).EndsWith($"line {lines}\n", StringComparison.Ordinal), "the last line logged by the restarted logger", TimeSpan.FromSeconds(30));
        Assert.NotEqual(logger, ServiceTree.ServicePid(Dir("a", "log")));
        string[] logged = ServiceTree.Log(logDir).TrimEnd('\n').Split('\n');
        Assert.Equal(Enumerable.Range(1, lines).Select(i => $"line {i}"), logged);
    }

    [Theory]
    [MemberData(nameof(OurScannerWith))]
    public void A_killed_supervise_is_started_again_and_reaped(string supervise)
    {
        RunScripts.Service(Dir("a"), Sleeper);
        RunningScanner scanner = Start("ours", supervise);
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up");
        int killed = scanner.Supervisors().Single().Pid;
        int service = ServiceTree.ServicePid(Dir("a"));

        ProcessTree.Kill(killed, ProcessTree.SIGKILL);
        ProcessTree.Kill(service, ProcessTree.SIGKILL);

        Eventually.True(() => scanner.Supervisors() is [var s] && s.Pid != killed, "a new supervise a");
        Eventually.True(() => ServiceTree.Up(Dir("a")) && ServiceTree.ServicePid(Dir("a")) != service, "a up again under the new supervise");
        Eventually.True(() => !ProcessTree.Children(scanner.Pid).Any(p => ProcessTree.Stat(p) is { State: 'Z' }), "no zombie children of svscan");
    }

    [Fact]
    public void A_second_svscan_on_the_same_directory_is_refused()
    {
        RunScripts.Service(Dir("a"), Sleeper);
        RunningScanner first = Start();
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up");

        ProgramResult second = ProgramRun.Run(Programs.Ours("svscan"), [Scan], environment: new Dictionary<string, string?> { ["PATH"] = ScanTree.DebianPath });

        Assert.Equal(111, second.ExitCode);
        Assert.Equal($"svscan: fatal: unable to acquire {Scan}/.svscan.lock: another svscan is running there (pid {first.Pid})\n", second.Err);
        Assert.Single(first.Supervisors());
    }

    [Theory]
    [MemberData(nameof(OurScannerWith))]
    public void Sigterm_brings_services_down_drains_the_logs_and_exits(string supervise)
    {
        RunScripts.Service(
            Dir("a"),
            "trap 'echo a stopping; exit 0' TERM\necho a started\nwhile :; do sleep 0.1; done",
            "exec multilog ./main");
        RunScripts.Service(Dir("b"), Sleeper);
        RunningScanner scanner = Start("ours", supervise);
        Eventually.True(() => ServiceTree.Log(Dir("a", "log", "main")).Contains("a started\n", StringComparison.Ordinal) && ServiceTree.Up(Dir("b")), "a logging and b up");

        scanner.Signal(ProcessTree.SIGTERM);

        Assert.Equal(0, scanner.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal("a started\na stopping\n", ServiceTree.Log(Dir("a", "log", "main")));
        Eventually.True(() => ProcessTree.InGroup(scanner.Pid).Count == 0, "every supervisor and service gone");
        Assert.Contains("supervise not running", ServiceTree.Svstat(Dir("a")));
        Assert.Contains("supervise not running", ServiceTree.Svstat(Dir("a", "log")));
        Assert.Contains("supervise not running", ServiceTree.Svstat(Dir("b")));
        Assert.Equal(string.Empty, scanner.Stderr);
    }

    [Theory]
    [MemberData(nameof(OurScannerWith))]
    public void Shutdown_writes_dx_once_into_a_control_that_is_a_regular_file(string supervise)
    {
        RunScripts.Service(Dir("a"), Sleeper);
        // b holds the shutdown until the test says go, then its logger's exit shows that svscan made further passes.
        RunScripts.Service(Dir("b"), "trap '' TERM\nwhile ! test -e go; do sleep 0.1; done", "exec cat > /dev/null");
        RunningScanner scanner = Start("ours", supervise);
        Eventually.True(() => ServiceTree.Up(Dir("a")) && ServiceTree.Up(Dir("b")) && ServiceTree.Up(Dir("b", "log")), "a, b and b/log up");
        string control = Dir("a", "supervise", "control");
        File.Delete(control);
        File.WriteAllText(control, string.Empty);

        scanner.Signal(ProcessTree.SIGTERM);
        Eventually.True(() => File.ReadAllText(control).Length > 0, "svscan to write into a's control file");
        File.WriteAllText(Dir("b", "go"), string.Empty);
        Eventually.True(() => ServiceTree.Svstat(Dir("b", "log")).Contains("supervise not running", StringComparison.Ordinal), "b/log's supervise told x and gone");
        Assert.Equal("dx", File.ReadAllText(control));
    }

    [Fact]
    public void Sighup_rescans_at_once()
    {
        RunScripts.Service(Dir("a"), Sleeper);
        RunningScanner scanner = Start();
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up");
        // A directory that appears without ./run waits for a full pass; SIGHUP asks for one.
        Directory.CreateDirectory(Dir("c"));
        RunScripts.Shell(Dir("c", "run"), Sleeper);

        scanner.Signal(ProcessTree.SIGHUP);

        Eventually.True(() => ServiceTree.Up(Dir("c")), "c up after SIGHUP");
        Assert.False(scanner.Exited);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void A_supervise_it_cannot_execute_is_reported_and_the_service_tried_again(string which)
    {
        // Ours starts supervise with fork, as 0.76 does: the child's failed execve comes back
        // through svscan's report pipe when the child is reaped, and is worded as Debian's child words it.
        RunScripts.Service(Dir("a"), "exec /bin/sleep 1000");
        string nowhere = _tree.Beside("no-programs");
        Directory.CreateDirectory(nowhere);
        using var scanner = new RunningScanner(Implementations.Program(which, "svscan"), Scan, nowhere);
        const string line = "svscan: warning: unable to start supervise a: file does not exist\n";
        Eventually.True(() => scanner.Stderr.Length > 0, "svscan's warning");
        Assert.Equal(line, scanner.Stderr);

        // Once supervise is there, the next rescan (every 5 seconds) starts it.
        File.CreateSymbolicLink(Path.Combine(nowhere, "supervise"), Programs.Debian("supervise"));
        Eventually.True(() => ServiceTree.Up(Dir("a")), "a up once supervise can be executed");
        Assert.StartsWith(line, scanner.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public void A_directory_it_cannot_enter_is_fatal(string which)
    {
        string svscan = Implementations.Program(which, "svscan");
        string missing = _tree.Beside("missing");

        ProgramResult result = ProgramRun.Run(svscan, [missing]);

        Assert.Equal(111, result.ExitCode);
        Assert.Equal($"svscan: fatal: unable to chdir to {missing}: file does not exist\n", result.Err);
    }
}
