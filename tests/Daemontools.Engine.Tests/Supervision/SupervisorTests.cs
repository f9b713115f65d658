using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class SupervisorTests : SupervisorRig
{
    private readonly List<StatusRecord> _announced = [];

    protected override Supervisor Construct(bool normallyUp) =>
        new(normallyUp, Runner, Clock, () => Monotonic, _announced.Add, Warnings.Add);

    private StatusRecord Last => _announced[^1];

    [Fact]
    public void Starts_at_once_without_a_down_file_and_announces_the_pid()
    {
        Supervisor supervisor = Create();
        Assert.Equal(1, Runner.Starts);
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
        Assert.Equal(0, Runner.Starts);
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
        Assert.Equal([(100, Signal.Stop), (100, Signal.Terminate), (100, Signal.Continue)], Runner.Signals.Select(s => (s.Pid, s.Signal)));
        Assert.Equal(0, Last.PausedFlag);
        Assert.Equal(ServiceWant.Down, Last.Want);
        Assert.Equal(100u, Last.ProcessId);
        supervisor.OnChildExited();
        Assert.Equal(0u, Last.ProcessId);
        Assert.Equal(1, Runner.Starts);
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
            Runner.Signals.Select(s => s.Signal));
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
            Runner.Signals.Select(s => s.Signal));
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
        Monotonic += 10;
        supervisor.OnChildExited();
        Assert.Equal(ServiceWant.Up, Last.Want);
        Assert.Equal(0u, Last.ProcessId);
        Monotonic += Supervisor.RestartThrottleMilliseconds;
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
        Assert.Empty(Runner.Signals);
    }

    [Fact]
    public void Signals_to_a_down_service_are_not_sent()
    {
        Supervisor supervisor = Create(normallyUp: false);
        foreach (char c in "ahktipcd") supervisor.OnControl((byte)c);
        Assert.Empty(Runner.Signals);
    }

    [Fact]
    public void Once_runs_and_is_not_restarted()
    {
        Supervisor supervisor = Create(normallyUp: false);
        supervisor.OnControl((byte)'o');
        Assert.Equal(1, Runner.Starts);
        Assert.Equal(ServiceWant.Once, Last.Want);
        Monotonic += 5000;
        supervisor.OnChildExited();
        supervisor.OnDeadline();
        Assert.Equal(1, Runner.Starts);
        Assert.Null(supervisor.NextDeadline);
    }

    [Fact]
    public void A_quick_exit_is_restarted_one_second_after_the_previous_start_not_before()
    {
        Supervisor supervisor = Create();
        Monotonic += 10;
        supervisor.OnChildExited();
        Assert.Equal(1, Runner.Starts);
        Assert.Equal(0u, Last.ProcessId);
        Assert.Equal(ServiceWant.Up, Last.Want);
        Assert.Equal(50_000 + Supervisor.RestartThrottleMilliseconds, supervisor.NextDeadline);
        Monotonic = 50_999;
        supervisor.OnDeadline();
        Assert.Equal(1, Runner.Starts);
        Monotonic = 51_000;
        supervisor.OnDeadline();
        Assert.Equal(2, Runner.Starts);
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
        Monotonic += 5000;
        supervisor.OnDeadline();
        Assert.Equal(1, Runner.Starts);
        Assert.Equal(ServiceWant.Down, Last.Want);
    }

    [Fact]
    public void Exit_waits_for_the_service_to_go_down_without_stopping_it()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'x');
        Assert.False(supervisor.ShouldExit);
        Assert.Empty(Runner.Signals);
        supervisor.OnChildExited();
        Assert.True(supervisor.ShouldExit);
        Assert.Equal(1, Runner.Starts);
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
        Clock.Unix += 30;
        foreach (char c in "pcdu") supervisor.OnControl((byte)c);
        Assert.Equal(started, Last.Changed);
        supervisor.OnChildExited();
        Assert.Equal(Clock.Unix, Last.Changed.UnixSeconds);
    }

    [Fact]
    public void An_unexecutable_run_is_reported_and_retried_after_the_throttle()
    {
        Runner.FailWith = Errno.EACCES;
        Supervisor supervisor = Create();
        Assert.Equal([new SupervisorWarning(SupervisorWarningKind.StartFailed, Errno.EACCES)], Warnings);
        Assert.Equal(0, supervisor.ChildPid);
        Assert.Equal(0u, Last.ProcessId);
        Assert.Equal(51_000, supervisor.NextDeadline);
        Monotonic = 51_000;
        supervisor.OnDeadline();
        Assert.Equal(2, Runner.Starts);
    }

    [Fact]
    public void A_refused_fork_is_retried_after_sixty_seconds()
    {
        Runner.FailWith = Errno.EAGAIN;
        Supervisor supervisor = Create();
        Assert.Equal(SupervisorWarningKind.ForkFailed, Warnings.Single().Kind);
        Assert.Equal(50_000 + Supervisor.ForkRetryMilliseconds, supervisor.NextDeadline);
        Runner.FailWith = 0;
        Monotonic += Supervisor.ForkRetryMilliseconds;
        supervisor.OnDeadline();
        Assert.Equal(100, supervisor.ChildPid);
    }

    [Fact]
    public void Pause_is_dropped_by_a_new_start()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'p');
        Monotonic += 2000;
        supervisor.OnChildExited();
        Assert.Equal(101, supervisor.ChildPid);
        Assert.Equal(0, Last.PausedFlag);
    }
}
