using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Supervision;

/// <summary>The transitions a directory with the new files adds to 0.76's machine, including daemontools-encore's reported races.</summary>
public sealed class ExtendedSupervisorTests : SupervisorRig
{
    private readonly List<(StatusRecord Record, StatusExtension? Extension)> _announced = [];
    private Death[] _tally = [];
    private ServiceSettings _settings = new() { UsesNewFeatures = true, HasFinish = true };

    protected override Supervisor Construct(bool normallyUp) =>
        new(normallyUp, Runner, Clock, () => Monotonic, (r, x) => _announced.Add((r, x)), Warnings.Add, () => _settings, d => _tally = d.ToArray());

    private StatusRecord Last => _announced[^1].Record;

    private StatusExtension LastExtension => _announced[^1].Extension!.Value;

    [Fact]
    public void A_plain_directory_gets_no_extension_and_no_finish()
    {
        _settings = ServiceSettings.Plain;
        Supervisor supervisor = Create();
        supervisor.OnChildKilled((int)Signal.Terminate);
        Assert.All(_announced, a => Assert.Null(a.Extension));
        Assert.Empty(Runner.Finishes);
        Assert.Empty(_tally);
    }

    [Fact]
    public void Finish_gets_the_exit_code_or_256_and_the_signal()
    {
        Supervisor supervisor = Create();
        supervisor.OnChildExited(3);
        Assert.Equal((3, 0), Runner.Finishes[^1]);
        supervisor.OnFinishEnded(false, 0);
        Monotonic += 1000;
        supervisor.OnDeadline();
        supervisor.OnChildKilled((int)Signal.Terminate);
        Assert.Equal((256, 15), Runner.Finishes[^1]);
    }

    [Fact]
    public void Run_is_restarted_only_after_finish_ends()
    {
        Supervisor supervisor = Create();
        Monotonic += 5000;
        supervisor.OnChildExited(1);
        Assert.Equal(901, supervisor.FinishPid);
        Assert.True(LastExtension.IsFinishing);
        Assert.Equal(0u, Last.ProcessId);
        supervisor.OnDeadline();
        Assert.Null(supervisor.NextDeadline is long d && d <= Monotonic ? d : null);
        Assert.Equal(1, Runner.Starts);
        supervisor.OnFinishEnded(false, 0);
        Assert.Equal(2, Runner.Starts);
        Assert.False(LastExtension.IsFinishing);
    }

    [Fact]
    public void Up_while_finish_runs_does_not_start_a_second_run()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'d');
        supervisor.OnChildKilled((int)Signal.Terminate);
        Monotonic += 5000;
        supervisor.OnControl((byte)'u');
        supervisor.OnDeadline();
        Assert.Equal(1, Runner.Starts);
        supervisor.OnFinishEnded(false, 0);
        Assert.Equal(2, Runner.Starts);
    }

    [Fact]
    public void Finish_exit_125_is_a_permanent_failure_until_up()
    {
        Supervisor supervisor = Create();
        supervisor.OnChildExited(1);
        supervisor.OnFinishEnded(false, 125);
        Monotonic += 5000;
        supervisor.OnDeadline();
        Assert.Equal(1, Runner.Starts);
        Assert.True(LastExtension.HasFailed);
        Assert.Equal(ServiceWant.Down, Last.Want);
        supervisor.OnControl((byte)'u');
        Assert.Equal(2, Runner.Starts);
        Assert.False(LastExtension.HasFailed);
    }

    [Fact]
    public void Down_then_up_before_the_run_exits_restarts_it()
    {
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'d');
        supervisor.OnControl((byte)'u');
        Assert.Equal(1, Runner.Starts);
        Monotonic += 5000;
        supervisor.OnChildKilled((int)Signal.Terminate);
        supervisor.OnFinishEnded(false, 0);
        Assert.Equal(2, Runner.Starts);
        Assert.Equal(ServiceWant.Up, Last.Want);
    }

    [Fact]
    public void Down_up_in_one_write_restarts_after_finish()
    {
        Supervisor supervisor = Create();
        foreach (byte b in "du"u8) supervisor.OnControl(b);
        Monotonic += 5000;
        supervisor.OnChildExited(0);
        Assert.Equal(1, Runner.Starts);
        supervisor.OnFinishEnded(false, 0);
        Assert.Equal(2, Runner.Starts);
    }

    [Fact]
    public void Once_while_finish_runs_starts_once_after_it()
    {
        Supervisor supervisor = Create(normallyUp: false);
        supervisor.OnControl((byte)'o');
        Assert.Equal(1, Runner.Starts);
        Monotonic += 5000;
        supervisor.OnChildExited(0);
        Assert.Equal(1, Runner.Starts);
        supervisor.OnControl((byte)'o');
        supervisor.OnDeadline();
        Assert.Equal(1, Runner.Starts);
        supervisor.OnFinishEnded(false, 0);
        Assert.Equal(2, Runner.Starts);
        Monotonic += 5000;
        supervisor.OnChildExited(0);
        supervisor.OnFinishEnded(false, 0);
        supervisor.OnDeadline();
        Assert.Equal(2, Runner.Starts);
    }

    [Fact]
    public void Exit_while_finish_runs_waits_for_finish()
    {
        Supervisor supervisor = Create();
        supervisor.OnChildExited(0);
        supervisor.OnControl((byte)'x');
        Assert.False(supervisor.ShouldExit);
        supervisor.OnFinishEnded(false, 0);
        Assert.True(supervisor.ShouldExit);
        Assert.Equal(1, Runner.Starts);
    }

    [Fact]
    public void Down_uses_the_down_signal_then_CONT_and_restart_the_down_signal_alone()
    {
        _settings = _settings with { DownSignal = (int)Signal.Hangup };
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'r');
        Assert.Equal([(100, Signal.Hangup, false)], Runner.Signals);
        Assert.True(LastExtension.WantsRestart);
        Runner.Signals.Clear();
        supervisor.OnControl((byte)'d');
        Assert.Equal([(100, Signal.Hangup, false), (100, Signal.Continue, false)], Runner.Signals);
        Assert.False(LastExtension.WantsRestart);
    }

    [Fact]
    public void Restart_of_a_once_service_starts_it_again_and_does_nothing_when_down()
    {
        Supervisor supervisor = Create(normallyUp: false);
        supervisor.OnControl((byte)'r');
        Assert.Empty(Runner.Signals);
        supervisor.OnControl((byte)'o');
        supervisor.OnControl((byte)'r');
        Monotonic += 5000;
        supervisor.OnChildKilled((int)Signal.Terminate);
        supervisor.OnFinishEnded(false, 0);
        Assert.Equal(2, Runner.Starts);
        Assert.Equal(ServiceWant.Once, Last.Want);
    }

    [Fact]
    public void Timeout_kill_sends_KILL_after_the_timeout_unless_run_died()
    {
        _settings = _settings with { TimeoutKillMilliseconds = 300 };
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'d');
        Assert.Equal(Monotonic + 300, supervisor.NextDeadline);
        Monotonic += 299;
        supervisor.OnDeadline();
        Assert.DoesNotContain(Runner.Signals, s => s.Signal == Signal.Kill);
        Monotonic += 1;
        supervisor.OnDeadline();
        Assert.Contains((100, Signal.Kill, false), Runner.Signals);
        supervisor.OnChildKilled((int)Signal.Kill);
        Assert.Equal((256, 9), Runner.Finishes[^1]);
    }

    [Fact]
    public void Timeout_kill_goes_to_the_group_with_the_flag_when_run_leads_one()
    {
        _settings = _settings with { TimeoutKillMilliseconds = 10, KillGroupOnTimeout = true };
        Runner.LeadsGroup = true;
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'d');
        Monotonic += 10;
        supervisor.OnDeadline();
        Assert.Contains((100, Signal.Kill, true), Runner.Signals);
    }

    [Fact]
    public void A_death_before_the_timeout_cancels_the_kill()
    {
        _settings = _settings with { TimeoutKillMilliseconds = 10, HasFinish = false };
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'d');
        supervisor.OnChildKilled((int)Signal.Terminate);
        Assert.Null(supervisor.NextDeadline);
    }

    [Fact]
    public void Finish_is_killed_after_timeout_finish()
    {
        _settings = _settings with { TimeoutFinishMilliseconds = 5000 };
        Supervisor supervisor = Create();
        supervisor.OnChildExited(0);
        Assert.Equal(Monotonic + 5000, supervisor.NextDeadline);
        Monotonic += 5000;
        supervisor.OnDeadline();
        Assert.Contains((901, Signal.Kill, false), Runner.Signals);
        Assert.Equal(SupervisorWarningKind.FinishKilled, Warnings.Single().Kind);
    }

    [Fact]
    public void Readiness_is_recorded_and_cleared_by_the_death()
    {
        _settings = _settings with { NotificationFd = 3 };
        Supervisor supervisor = Create();
        Assert.True(LastExtension.ExpectsReadiness);
        Assert.False(LastExtension.IsReady);
        Clock.Unix += 7;
        supervisor.OnReady();
        Assert.True(LastExtension.IsReady);
        Assert.Equal(Clock.Unix, LastExtension.ReadySince.UnixSeconds);
        supervisor.OnChildExited(0);
        Assert.False(LastExtension.IsReady);
        Assert.Equal(0UL, LastExtension.ReadySince.Seconds);
    }

    [Fact]
    public void Group_signals_go_only_to_a_run_that_leads_its_group()
    {
        Supervisor supervisor = Create();
        int before = _announced.Count;
        foreach (byte b in "PCK"u8) supervisor.OnControl(b);
        Assert.Empty(Runner.Signals);
        Assert.Equal(before, _announced.Count);
        Runner.LeadsGroup = true;
        supervisor.OnControl((byte)'P');
        Assert.Equal(1, Last.PausedFlag);
        supervisor.OnControl((byte)'C');
        Assert.Equal(0, Last.PausedFlag);
        supervisor.OnControl((byte)'K');
        Assert.Equal([Signal.Stop, Signal.Continue, Signal.Kill], Runner.Signals.Select(s => s.Signal));
        Assert.All(Runner.Signals, s => Assert.True(s.Group));
    }

    [Fact]
    public void New_signal_letters_reach_the_run()
    {
        Supervisor supervisor = Create();
        foreach (byte b in "q12yb"u8) supervisor.OnControl(b);
        Assert.Equal(
            [Signal.Quit, Signal.User1, Signal.User2, Signal.WindowChange, Signal.Abort],
            Runner.Signals.Select(s => s.Signal));
    }

    [Fact]
    public void Deaths_are_remembered_newest_last_up_to_max_death_tally()
    {
        _settings = _settings with { HasFinish = false, MaxDeathTally = 2 };
        Supervisor supervisor = Create();
        for (int i = 1; i <= 3; i++)
        {
            Clock.Unix += 10;
            Monotonic += 2000;
            supervisor.OnDeadline();
            supervisor.OnChildExited(i);
        }
        Assert.Equal([2, 3], _tally.Select(d => d.ExitCode));
        Assert.Equal(2, LastExtension.Deaths);
        Assert.Equal(3, LastExtension.LastExitCode);
        Assert.Equal(Clock.Unix, LastExtension.LastDeath.UnixSeconds);
    }

    [Fact]
    public void Backoff_doubles_the_delay_and_a_stable_run_resets_it()
    {
        _settings = _settings with { HasFinish = false, Restart = new RestartPolicy { BackoffInitialMilliseconds = 2000, BackoffMaximumMilliseconds = 5000, StableMilliseconds = 10_000 } };
        Supervisor supervisor = Create();
        long[] expected = [2000, 4000, 5000];
        foreach (long delay in expected)
        {
            supervisor.OnChildExited(1);
            Assert.Equal(Monotonic + delay, supervisor.NextDeadline);
            Monotonic += delay;
            supervisor.OnDeadline();
        }
        Monotonic += 10_000;
        int starts = Runner.Starts;
        supervisor.OnChildExited(1);
        Assert.Equal(starts + 1, Runner.Starts);
        supervisor.OnChildExited(1);
        Assert.Equal(Monotonic + 2000, supervisor.NextDeadline);
    }

    [Fact]
    public void Give_up_after_N_deaths_within_the_window()
    {
        _settings = _settings with { HasFinish = false, Restart = new RestartPolicy { GiveUpDeaths = 3, GiveUpWindowMilliseconds = 10_000 } };
        Supervisor supervisor = Create();
        for (int i = 0; i < 2; i++)
        {
            Monotonic += 1000;
            supervisor.OnChildExited(1);
            supervisor.OnDeadline();
        }
        Assert.Equal(3, Runner.Starts);
        Monotonic += 1000;
        supervisor.OnChildExited(1);
        Monotonic += 5000;
        supervisor.OnDeadline();
        Assert.Equal(3, Runner.Starts);
        Assert.True(LastExtension.HasFailed);
    }

    [Fact]
    public void Deaths_asked_for_with_restart_count_for_no_policy()
    {
        _settings = _settings with { HasFinish = false, Restart = new RestartPolicy { GiveUpDeaths = 1, GiveUpWindowMilliseconds = 10_000 } };
        Supervisor supervisor = Create();
        supervisor.OnControl((byte)'r');
        Monotonic += 1000;
        supervisor.OnChildKilled((int)Signal.Terminate);
        Assert.Equal(2, Runner.Starts);
        Assert.False(LastExtension.HasFailed);
    }

    // s6-supervise looks at ./finish, timeout-finish and max-death-tally when ./run dies, not when it starts.
    [Fact]
    public void A_finish_added_while_run_runs_is_run_on_that_death()
    {
        _settings = ServiceSettings.Plain;
        Supervisor supervisor = Create();
        _settings = new ServiceSettings { UsesNewFeatures = true, HasFinish = true };
        supervisor.OnChildExited(4);
        Assert.Equal([(4, 0)], Runner.Finishes);
        Assert.True(LastExtension.IsFinishing);
    }

    [Fact]
    public void A_finish_removed_while_run_runs_is_not_attempted_and_the_status_is_0_76s_again()
    {
        Supervisor supervisor = Create();
        _settings = ServiceSettings.Plain;
        Monotonic += 1000;
        supervisor.OnChildExited(4);
        Assert.Empty(Runner.Finishes);
        Assert.Equal(2, Runner.Starts);
        Assert.Null(_announced[^1].Extension);
    }

    [Fact]
    public void Timeout_finish_and_max_death_tally_are_read_at_the_death()
    {
        _settings = _settings with { TimeoutFinishMilliseconds = 5000, MaxDeathTally = 100 };
        Supervisor supervisor = Create();
        _settings = _settings with { TimeoutFinishMilliseconds = 300, MaxDeathTally = 0 };
        supervisor.OnChildExited(0);
        Assert.Equal(Monotonic + 300, supervisor.NextDeadline);
        Assert.Empty(_tally);
        Assert.Equal(0, LastExtension.Deaths);
    }

    [Fact]
    public void The_timeout_kill_group_flag_is_read_with_timeout_kill_at_down()
    {
        Runner.LeadsGroup = true;
        Supervisor supervisor = Create();
        _settings = _settings with { TimeoutKillMilliseconds = 10, KillGroupOnTimeout = true };
        supervisor.OnControl((byte)'d');
        _settings = _settings with { KillGroupOnTimeout = false };
        Monotonic += 10;
        supervisor.OnDeadline();
        Assert.Contains((100, Signal.Kill, true), Runner.Signals);
    }

    [Fact]
    public void The_death_is_judged_by_the_readiness_setting_of_the_run_that_died()
    {
        _settings = _settings with { HasFinish = false, NotificationFd = 3, Restart = new RestartPolicy { BackoffInitialMilliseconds = 2000, BackoffMaximumMilliseconds = 5000, StableMilliseconds = 1000 } };
        Supervisor supervisor = Create();
        Monotonic += 5000;
        _settings = _settings with { NotificationFd = null };
        supervisor.OnChildExited(1);
        // Never ready, so it did not stay up: backed off, although the file is gone by now.
        Assert.Equal(Monotonic + 2000, supervisor.NextDeadline);
    }
}
