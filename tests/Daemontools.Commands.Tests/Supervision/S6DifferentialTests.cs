namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// The features beyond 0.76 against Debian's s6 (2.11): the same service directory under
/// s6-supervise driven by s6-svc and s6-svwait, and under ours driven by svc and svwait, gives
/// the same finish arguments, restarts, SIGKILLs and svwait results. Restart delays differ by
/// design (s6 pauses a second after a death, ours keeps 0.76's one start per second), so times
/// are compared as bounds.
/// </summary>
public sealed class S6DifferentialTests
{
    private static readonly string[] Both = [ComparedService.Ours, ComparedService.S6];

    private static Dictionary<string, T> OnBoth<T>(Func<string, T> scenario) => Both.ToDictionary(i => i, scenario);

    /// <summary>s6 logged <paramref name="expected"/> and ours the same.</summary>
    private static void AssertSameEvents(Dictionary<string, string[]> events, string[] expected)
    {
        Assert.Equal(expected, events[ComparedService.S6]);
        Assert.Equal(events[ComparedService.S6], events[ComparedService.Ours]);
    }

    /// <summary>s6 logged <paramref name="expected"/> and ours the same; each one's measured time is in [<paramref name="min"/>, <paramref name="max"/>) ms.</summary>
    private static void AssertSameEventsAndTime(Dictionary<string, (string[] Events, long Ms)> results, string[] expected, long min, long max, Func<long, string> wrongTime)
    {
        Assert.Equal(expected, results[ComparedService.S6].Events);
        Assert.Equal(results[ComparedService.S6].Events, results[ComparedService.Ours].Events);
        foreach ((string implementation, (_, long ms)) in results)
        {
            Assert.True(ms >= min && ms < max, $"{implementation}: {wrongTime(ms)}");
        }
    }

    [Fact]
    public void Finish_gets_the_same_arguments_and_run_restarts_after_it()
    {
        Dictionary<string, string[]> events = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: """
                    echo "run $#" >> log
                    test -e ran && exec sleep 1000
                    : > ran
                    exit 3
                    """,
                finish: """echo "finish $*" >> log""").Start();
            service.AwaitLog(3);
            service.Svc("-t");
            service.AwaitLog(5);
            service.Svc("-d");
            Assert.Equal(0, service.Svwait("-D", "-t", "10000").Result.ExitCode);
            return service.Log();
        });
        Assert.Equal(["run 1", "finish 3 0 svc", "run 1", "finish 256 15 svc", "run 1", "finish 256 15 svc"], events[ComparedService.S6][..6]);
        Assert.Equal(events[ComparedService.S6], events[ComparedService.Ours]);
    }

    [Fact]
    public void Timeout_kill_sends_KILL_after_the_down_signal_was_ignored_and_finish_sees_9()
    {
        // The trap's stamp forks date: 1500 ms leaves it time to log before the KILL on a loaded
        // machine, and the delay is counted from the moment svc -d is sent, not from that stamp.
        var files = new Dictionary<string, string> { ["timeout-kill"] = "1500\n", ["down-signal"] = "SIGUSR1\n" };
        Dictionary<string, (string[] Events, long Delay)> results = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: ComparedService.Stamp + """

                    trap 'stamp usr1' USR1
                    trap 'stamp term' TERM
                    stamp start
                    while :; do sleep 1 & wait $!; done
                    """,
                finish: ComparedService.Stamp + "\nstamp \"finish $1 $2\"",
                files: files).Start();
            service.AwaitLog(1);
            long sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            service.Svc("-d");
            Assert.Equal(0, service.Svwait("-D", "-t", "10000").Result.ExitCode);
            long delay = service.TimeOf("finish 256 9") - sent;
            return (service.Events(), delay);
        });
        AssertSameEventsAndTime(results, ["start", "usr1", "finish 256 9"], 1500, 5000, delay => $"KILL {delay} ms after svc -d, not about 1500");
    }

    [Fact]
    public void Svwait_U_returns_once_run_wrote_its_readiness_line()
    {
        var files = new Dictionary<string, string> { ["notification-fd"] = "3\n" };
        Dictionary<string, (int Exit, bool ReadyLogged, int TimedOutExit)> results = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: """
                    sleep 0.4
                    echo ready >> log
                    echo >&3
                    exec sleep 1000
                    """,
                files: files,
                down: true).Start();
            int timedOut = service.Svwait("-U", "-t", "300").Result.ExitCode;
            PendingWait wait = service.SvwaitInBackground("-U", "-t", "20000");
            service.Svc("-u");
            (int exitCode, _) = wait.Finish();
            return (exitCode, service.Log().Contains("ready"), timedOut);
        });
        Assert.Equal((0, true, 99), results[ComparedService.S6]);
        Assert.Equal(results[ComparedService.S6], results[ComparedService.Ours]);
    }

    [Fact]
    public void Svwait_D_returns_only_after_finish_has_ended()
    {
        Dictionary<string, (int DownExit, int FinishedExit, string[] LogAtReturn)> results = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: "exec sleep 1000",
                finish: """
                    echo "finish start" >> log
                    sleep 0.6
                    echo "finish end" >> log
                    """).Start();
            Assert.Equal(0, service.Svwait("-u", "-t", "10000").Result.ExitCode);
            PendingWait finished = service.SvwaitInBackground("-D", "-t", "20000");
            service.Svc("-d");
            int down = service.Svwait("-d", "-t", "10000").Result.ExitCode;
            int finishedExit = finished.Finish().ExitCode;
            return (down, finishedExit, service.Log());
        });
        Assert.Equal((0, 0), (results[ComparedService.S6].DownExit, results[ComparedService.S6].FinishedExit));
        Assert.Equal(["finish start", "finish end"], results[ComparedService.S6].LogAtReturn);
        Assert.Equal(results[ComparedService.S6].LogAtReturn, results[ComparedService.Ours].LogAtReturn);
        Assert.Equal((0, 0), (results[ComparedService.Ours].DownExit, results[ComparedService.Ours].FinishedExit));
    }

    [Fact]
    public void Finish_exit_125_stops_restarts_and_fails_a_waiting_svwait()
    {
        Dictionary<string, (int WaitExit, string[] Events)> results = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: """
                    echo run >> log
                    exit 1
                    """,
                finish: """
                    echo finish >> log
                    sleep 1.5
                    exit 125
                    """).Start();
            service.AwaitLog(2);
            int waitExit = service.Svwait("-u", "-t", "10000").Result.ExitCode;
            // Time for a restart that must not come (s6 restarts a second after a death, ours at once).
            Assert.Equal(0, service.Svwait("-D", "-t", "10000").Result.ExitCode);
            Assert.Equal(99, service.Svwait("-u", "-t", "1500").Result.ExitCode);
            return (waitExit, service.Log());
        });
        Assert.Equal(1, results[ComparedService.S6].WaitExit);
        Assert.Equal(["run", "finish"], results[ComparedService.S6].Events);
        Assert.Equal(results[ComparedService.S6].WaitExit, results[ComparedService.Ours].WaitExit);
        Assert.Equal(results[ComparedService.S6].Events, results[ComparedService.Ours].Events);
    }

    [Fact]
    public void Timeout_finish_kills_a_slow_finish_and_run_starts_again()
    {
        var files = new Dictionary<string, string> { ["timeout-finish"] = "500\n" };
        Dictionary<string, (string[] Events, long FinishLifetime)> results = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: ComparedService.Stamp + """

                    test -e ran && { stamp run again; exec sleep 1000; }
                    : > ran
                    stamp run
                    exit 0
                    """,
                finish: ComparedService.Stamp + "\nstamp finish\nexec sleep 1000",
                files: files).Start();
            service.AwaitLog(3);
            long lifetime = service.TimeOf("run again") - service.TimeOf("finish");
            return (service.Events(), lifetime);
        });
        AssertSameEventsAndTime(results, ["run", "finish", "run again"], 450, 4000, lifetime => $"run started {lifetime} ms after finish, not after its 500 ms limit");
    }

    [Fact]
    public void A_finish_added_while_run_runs_is_run_when_it_dies_and_one_removed_is_not()
    {
        Dictionary<string, string[]> events = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: """
                    echo run >> log
                    exec sleep 1000
                    """).Start();
            service.AwaitLog(1);
            service.Script("finish", """echo "finish $1 $2" >> log""");
            service.Svc("-t");
            service.AwaitLog(3);
            File.Delete(Path.Combine(service.Path, "finish"));
            service.Svc("-t");
            service.AwaitLog(4);
            service.Svc("-d");
            Assert.Equal(0, service.Svwait("-D", "-t", "10000").Result.ExitCode);
            return service.Log();
        });
        AssertSameEvents(events, ["run", "finish 256 15", "run", "run"]);
    }

    [Fact]
    public void Timeout_finish_written_while_run_runs_limits_the_finish_of_that_death()
    {
        Dictionary<string, string[]> events = OnBoth(implementation =>
        {
            using var service = new ComparedService(
                implementation,
                run: """
                    test -e ran && { echo run again >> log; exec sleep 1000; }
                    : > ran
                    echo run >> log
                    exec sleep 1000
                    """,
                finish: """
                    echo finish >> log
                    sleep 4
                    echo finish end >> log
                    """).Start();
            service.AwaitLog(1);
            File.WriteAllText(Path.Combine(service.Path, "timeout-finish"), "300\n");
            service.Svc("-t");
            service.AwaitLog(3);
            return service.Log();
        });
        AssertSameEvents(events, ["run", "finish", "run again"]);
    }
}
