namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// Features tested on their own (Debian's s6 2.11 lacks them or has them broken): P/C/K group
/// signals, flag-timeout-killpg, lock-fd, flag-setsid; and how the extended status looks to
/// Debian's clients.
/// </summary>
public sealed class ExtendedSuperviseTests
{
    private const string RunWithChild = """
        sleep 1000 &
        echo $! > child
        echo "$# $(cut -d' ' -f5 /proc/$$/stat)" >> log
        exec sleep 1000
        """;

    private static void Touch(SupervisedService service, string name, string text = "") => File.WriteAllText(Path.Combine(service.Path, name), text);

    private static int Child(SupervisedService service)
    {
        string path = Path.Combine(service.Path, "child");
        Eventually.True(() => File.Exists(path) && File.ReadAllText(path).Trim().Length > 0, "./run to name its child");
        return int.Parse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // ./run may write its files before supervise has written the status that names it.
    private static int RunPid(SupervisedService service)
    {
        Eventually.True(() => service.RunPid != 0, "the status to name ./run");
        return service.RunPid;
    }

    private static char State(int pid) => ProcessTree.Stat(pid)?.State ?? 'X';

    [Fact]
    public void A_plain_run_gets_no_argument_and_stays_in_supervises_group()
    {
        using var service = new SupervisedService(RunWithChild).Start(Programs.Ours("supervise"));
        Eventually.True(() => service.Log().Length == 1, "./run to log");
        Assert.Equal($"0 {ProcessTree.Stat(service.SupervisePid)!.Value.Group}", service.Log()[0]);
        Assert.Equal(18, service.StatusBytes().Length);
        Assert.False(File.Exists(Path.Combine(service.Path, "supervise", "death_tally")));
        ProcessTree.Kill(Child(service), ProcessTree.SIGKILL);
    }

    [Fact]
    public void Flag_setsid_makes_run_a_session_leader_given_the_directory_name()
    {
        using var service = new SupervisedService(RunWithChild);
        Touch(service, "flag-setsid");
        service.Start(Programs.Ours("supervise"));
        Eventually.True(() => service.Log().Length == 1, "./run to log");
        Assert.Equal($"1 {RunPid(service)}", service.Log()[0]);
        Assert.Equal(StatusExtensionLength, service.StatusBytes().Length);
    }

    private const int StatusExtensionLength = 65;

    [Fact]
    public void Group_signals_reach_the_whole_group_of_a_session_leader()
    {
        using var service = new SupervisedService(RunWithChild);
        Touch(service, "flag-setsid");
        service.Start(Programs.Ours("supervise"));
        Eventually.True(() => ProcessTree.Args(service.RunPid) == "sleep 1000", "./run to exec sleep");
        int child = Child(service);
        int run = RunPid(service);
        service.Client(Programs.Ours("svc"), "-P", "svc");
        Eventually.True(() => State(run) == 'T' && State(child) == 'T', "run and its child to be stopped");
        service.AwaitStatus(Programs.Debian("svstat"), "svc: up (pid N) S seconds, paused");
        service.Client(Programs.Ours("svc"), "-C", "svc");
        Eventually.True(() => State(run) == 'S' && State(child) == 'S', "run and its child to continue");
        service.Client(Programs.Ours("svc"), "-K", "svc");
        Eventually.True(() => !ProcessTree.Alive(child) && service.RunPid != run, "the group killed and ./run restarted");
    }

    [Fact]
    public void Group_signals_are_ignored_when_run_leads_no_group()
    {
        using var service = new SupervisedService(RunWithChild).Start(Programs.Ours("supervise"));
        int child = Child(service);
        int run = RunPid(service);
        service.Client(Programs.Ours("svc"), "-PK", "svc");
        service.Client(Programs.Ours("svc"), "-o", "svc"); // its effect proves the earlier commands were read
        Eventually.True(() => service.StatusBytes()[17] == 0, "the want byte of -o");
        Assert.Equal(run, service.RunPid);
        Assert.Equal(0, service.StatusBytes()[16]);
        // Not stopped by -P: sleeping, or for a moment running or in disk sleep on a busy machine ('R' and 'D' were seen).
        Assert.Contains(State(run), "SRD");
        Assert.True(ProcessTree.Alive(child));
        Assert.False(service.Exited);
        ProcessTree.Kill(child, ProcessTree.SIGKILL);
    }

    [Fact]
    public void Flag_timeout_killpg_kills_the_group_once_the_timeout_passes()
    {
        using var service = new SupervisedService("trap '' TERM\n" + RunWithChild.Replace("exec sleep 1000", "while :; do sleep 1; done", StringComparison.Ordinal));
        Touch(service, "flag-setsid");
        Touch(service, "flag-timeout-killpg");
        Touch(service, "timeout-kill", "300\n");
        service.Start(Programs.Ours("supervise"));
        int child = Child(service);
        int run = RunPid(service);
        service.Client(Programs.Ours("svc"), "-d", "svc");
        Eventually.True(() => !ProcessTree.Alive(run) && !ProcessTree.Alive(child), "./run and its child killed as a group");
        service.AwaitStatus(Programs.Ours("svstat"), "svc: down S seconds, normally up, signal SIGKILL");
    }

    [Fact]
    public void Lock_fd_holds_the_service_lock_and_a_second_copy_waits_for_it()
    {
        using var service = new SupervisedService("echo start >> log\nexec sleep 1000");
        Touch(service, "lock-fd", "5\n");
        service.Start(Programs.Ours("supervise"));
        Eventually.True(() => service.Log().Length == 1, "./run to start");
        int first = RunPid(service);
        string lockFile = Path.Combine(service.Path, "supervise", "service-lock");
        Assert.Equal(lockFile, ProcessTree.Descriptor(first, 5));
        Assert.Equal(1, ProgramRun.Run("/usr/bin/flock", ["-n", lockFile, "true"]).ExitCode);

        // supervise dies and another takes over: the stale ./run still holds the lock.
        ProcessTree.Kill(service.SupervisePid, ProcessTree.SIGKILL);
        Eventually.True(() => service.Exited, "the first supervise to die");
        using var second = new SupervisedService("unused");
        second.Start(Programs.Ours("supervise"), info => info.WorkingDirectory = service.Root);
        Eventually.True(() => second.Stderr.Contains("the new one waits for it", StringComparison.Ordinal), "the lock warning");
        Eventually.True(() => service.RunPid != first && service.RunPid != 0, "a new ./run (waiting)");
        int waiting = service.RunPid;
        Assert.Contains(".lockwait", ProcessTree.Args(waiting), StringComparison.Ordinal);
        Assert.Single(service.Log());

        ProcessTree.Kill(first, ProcessTree.SIGKILL);
        Eventually.True(() => service.Log().Length == 2 && ProcessTree.Args(waiting) == "sleep 1000", "the waiting copy to run once the lock is free");
        Assert.Equal(waiting, service.RunPid);
        ProgramRun.Run(Programs.Ours("svc"), ["-dx", "svc"], workingDirectory: service.Root);
        Eventually.True(() => !ProcessTree.Alive(waiting), "the second ./run to stop");
    }

    [Fact]
    public void Debians_clients_read_and_drive_an_extended_status()
    {
        using var service = new SupervisedService("exec sleep 1000");
        Touch(service, "finish", "#!/bin/sh\necho \"finish $*\" >> log\n");
        File.SetUnixFileMode(Path.Combine(service.Path, "finish"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        service.Start(Programs.Ours("supervise"));
        service.AwaitStatus(Programs.Debian("svstat"), "svc: up (pid N) S seconds");
        Assert.Equal(StatusExtensionLength, service.StatusBytes().Length);
        Assert.Equal(0, service.Client(Programs.Debian("svok"), "svc").ExitCode);
        service.Client(Programs.Debian("svc"), "-d", "svc");
        service.AwaitStatus(Programs.Debian("svstat"), "svc: down S seconds, normally up");
        service.AwaitStatus(Programs.Ours("svstat"), "svc: down S seconds, normally up, signal SIGTERM");
        Assert.Equal(["finish 256 15 svc"], service.Log());
        string tally = ProgramRun.Run(Programs.S6("s6-svdt"), ["svc"], workingDirectory: service.Root).Out;
        Assert.Matches(@"^@[0-9a-f]{24} signal SIGTERM\n$", tally);
    }
}
