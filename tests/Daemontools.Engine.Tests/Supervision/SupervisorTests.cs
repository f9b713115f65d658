using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class SupervisorTests
{
    private sealed class FakeRunner : IServiceRunner
    {
        public int NextPid { get; set; } = 100;

        public Errno FailWith { get; set; }

        public int Starts { get; private set; }

        public List<(int Pid, Signal Signal)> Signals { get; } = [];

        public StartResult Start()
        {
            Starts++;
            return FailWith != Errno.None ? new StartResult(-1, FailWith) : new StartResult(NextPid++, Errno.None);
        }

        public void Signal(int pid, Signal signal) => Signals.Add((pid, signal));
    }

    private readonly FakeRunner _runner = new();
    private readonly SettableClock _clock = new();
    private readonly List<StatusRecord> _announced = [];
    private readonly List<SupervisorWarning> _warnings = [];
    private long _monotonic = 50_000;

    private Supervisor Create(bool normallyUp = true)
    {
        var supervisor = new Supervisor(normallyUp, _runner, _clock, () => _monotonic, _announced.Add, _warnings.Add);
        supervisor.Begin();
        supervisor.StartIfWanted();
        return supervisor;
    }

    private StatusRecord Last => _announced[^1];

    [Fact]
    public void Starts_at_once_without_a_down_file_and_announces_the_pid()
    {
        Supervisor supervisor = Create();
        Assert.Equal(1, _runner.Starts);
        Assert.Equal(100, supervisor.ChildPid);
        Assert.Equal(2, _announced.Count); // the start-up status, then the start
        Assert.Equal(0u, _announced[0].ProcessId);
        Assert.Equal(100u, Last.ProcessId);
        Assert.Equal(ServiceWant.Up, Last.Want);
    }

    [Fact]
    public void A_down_file_keeps_it_down_with_want_down()
    {
        Supervisor supervisor = Create(normallyUp: false);
        Assert.Equal(0, _runner.Starts);
        Assert.Equal(0, supervisor.ChildPid);
        Assert.Equal(ServiceWant.Down, Last.Want);
    }

    [Fact]
    public void Down_sends_TERM_then_CONT_and_clears_pause()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'p');
        Assert.Equal(1, Last.PausedFlag);
        supervisor.OnControl((byte)'d');
        Assert.Equal([(100, Signal.Stop), (100, Signal.Terminate), (100, Signal.Continue)], _runner.Signals);
        Assert.Equal(0, Last.PausedFlag);
        Assert.Equal(ServiceWant.Down, Last.Want);
        Assert.Equal(100u, Last.ProcessId);
        supervisor.OnChildExited();
        Assert.Equal(0u, Last.ProcessId);
        Assert.Equal(1, _runner.Starts);
    }

    [Fact]
    public void Signal_commands_do_not_rewrite_the_status()
    {
        Supervisor supervisor = Create();
        int before = _announced.Count;
        foreach (char c in "ahkti") supervisor.OnControl((byte)c);
        Assert.Equal(before, _announced.Count);
        Assert.Equal(
            [Signal.Alarm, Signal.Hangup, Signal.Kill, Signal.Terminate, Signal.Interrupt],
            _runner.Signals.Select(s => s.Signal));
    }

    [Fact]
    public void State_commands_rewrite_the_status_even_when_nothing_changes()
    {
        Supervisor supervisor = Create();
        int before = _announced.Count;
        foreach (char c in "udopcx") supervisor.OnControl((byte)c);
        Assert.Equal(before + 6, _announced.Count);
    }

    [Fact]
    public void A_batch_of_control_bytes_is_applied_in_order_and_announced_once()
    {
        Supervisor supervisor = Create();
        int before = _announced.Count;
        supervisor.OnControl("dupchdcph"u8);
        Assert.Equal(before + 1, _announced.Count);
        Assert.Equal(
            [Signal.Terminate, Signal.Continue, Signal.Stop, Signal.Continue, Signal.Hangup,
             Signal.Terminate, Signal.Continue, Signal.Continue, Signal.Stop, Signal.Hangup],
            _runner.Signals.Select(s => s.Signal));
        Assert.Equal(ServiceWant.Down, Last.Want);
        Assert.Equal(1, Last.PausedFlag);
    }

    [Fact]
    public void A_flood_ending_in_up_leaves_the_service_up_once_the_signalled_child_has_gone()
    {
        Supervisor supervisor = Create();
        byte[] flood = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("dupchdcph", 455)) + "u");
        int before = _announced.Count;
        supervisor.OnControl(flood);
        Assert.Equal(before + 1, _announced.Count);
        Assert.Equal(ServiceWant.Up, Last.Want);
        Assert.Equal(100u, Last.ProcessId); // still up until the TERMed child is reaped
        _monotonic += 10;
        supervisor.OnChildExited();
        Assert.Equal(ServiceWant.Up, Last.Want);
        Assert.Equal(0u, Last.ProcessId);
        _monotonic += Supervisor.RestartThrottleMilliseconds;
        supervisor.OnDeadline();
        Assert.Equal(101u, Last.ProcessId);
        Assert.Equal(ServiceWant.Up, Last.Want);
        Assert.Equal(0, Last.PausedFlag);
    }

    [Fact]
    public void Unknown_bytes_are_ignored()
    {
        Supervisor supervisor = Create();
        int before = _announced.Count;
        supervisor.OnControl((byte)'z');
        supervisor.OnControl(0);
        Assert.Equal(before, _announced.Count);
        Assert.Empty(_runner.Signals);
    }

    [Fact]
    public void Signals_to_a_down_service_are_not_sent()
    {
        Supervisor supervisor = Create(normallyUp: false);
        foreach (char c in "ahktipcd") supervisor.OnControl((byte)c);
        Assert.Empty(_runner.Signals);
    }

    [Fact]
    public void Once_runs_and_is_not_restarted()
    {
        Supervisor supervisor = Create(normallyUp: false);
        supervisor.OnControl((byte)'o');
        Assert.Equal(1, _runner.Starts);
        Assert.Equal(ServiceWant.Once, Last.Want);
        _monotonic += 5000;
        supervisor.OnChildExited();
        supervisor.OnDeadline();
        Assert.Equal(1, _runner.Starts);
        Assert.Null(supervisor.NextDeadline);
    }

    [Fact]
    public void A_quick_exit_is_restarted_one_second_after_the_previous_start_not_before()
    {
        Supervisor supervisor = Create();
        _monotonic += 10;
        supervisor.OnChildExited();
        Assert.Equal(1, _runner.Starts);
        Assert.Equal(0u, Last.ProcessId);
        Assert.Equal(ServiceWant.Up, Last.Want);
        Assert.Equal(50_000 + Supervisor.RestartThrottleMilliseconds, supervisor.NextDeadline);
        _monotonic = 50_999;
        supervisor.OnDeadline();
        Assert.Equal(1, _runner.Starts);
        _monotonic = 51_000;
        supervisor.OnDeadline();
        Assert.Equal(2, _runner.Starts);
        Assert.Equal(101, supervisor.ChildPid);
    }

    [Fact]
    public void Commands_are_handled_during_the_throttle_and_down_cancels_the_owed_start()
    {
        Supervisor supervisor = Create();
        supervisor.OnChildExited();
        Assert.NotNull(supervisor.NextDeadline);
        supervisor.OnControl((byte)'d');
        Assert.Null(supervisor.NextDeadline);
        _monotonic += 5000;
        supervisor.OnDeadline();
        Assert.Equal(1, _runner.Starts);
        Assert.Equal(ServiceWant.Down, Last.Want);
    }

    [Fact]
    public void Exit_waits_for_the_service_to_go_down_without_stopping_it()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'x');
        Assert.False(supervisor.ShouldExit);
        Assert.Empty(_runner.Signals);
        supervisor.OnChildExited();
        Assert.True(supervisor.ShouldExit);
        Assert.Equal(1, _runner.Starts);
    }

    [Fact]
    public void Exit_when_down_is_immediate()
    {
        Supervisor supervisor = Create(normallyUp: false);
        supervisor.OnControl((byte)'x');
        Assert.True(supervisor.ShouldExit);
    }

    [Fact]
    public void Start_time_changes_only_with_the_pid()
    {
        Supervisor supervisor = Create();
        Tai64NLabel started = Last.Changed;
        _clock.Unix += 30;
        foreach (char c in "pcdu") supervisor.OnControl((byte)c);
        Assert.Equal(started, Last.Changed);
        supervisor.OnChildExited();
        Assert.Equal(_clock.Unix, Last.Changed.UnixSeconds);
    }

    [Fact]
    public void An_unexecutable_run_is_reported_and_retried_after_the_throttle()
    {
        _runner.FailWith = Errno.EACCES;
        Supervisor supervisor = Create();
        Assert.Equal([new SupervisorWarning(SupervisorWarningKind.StartFailed, Errno.EACCES)], _warnings);
        Assert.Equal(0, supervisor.ChildPid);
        Assert.Equal(0u, Last.ProcessId);
        Assert.Equal(51_000, supervisor.NextDeadline);
        _monotonic = 51_000;
        supervisor.OnDeadline();
        Assert.Equal(2, _runner.Starts);
    }

    [Fact]
    public void A_refused_fork_is_retried_after_sixty_seconds()
    {
        _runner.FailWith = Errno.EAGAIN;
        Supervisor supervisor = Create();
        Assert.Equal(SupervisorWarningKind.ForkFailed, _warnings.Single().Kind);
        Assert.Equal(50_000 + Supervisor.ForkRetryMilliseconds, supervisor.NextDeadline);
        _runner.FailWith = 0;
        _monotonic += Supervisor.ForkRetryMilliseconds;
        supervisor.OnDeadline();
        Assert.Equal(100, supervisor.ChildPid);
    }

    [Fact]
    public void Pause_is_dropped_by_a_new_start()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'p');
        _monotonic += 2000;
        supervisor.OnChildExited();
        Assert.Equal(101, supervisor.ChildPid);
        Assert.Equal(0, Last.PausedFlag);
    }
}
