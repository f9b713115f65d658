using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// The state machine of one supervise: want up / down / once, pause, exit (daemontools 0.76), and
/// for a directory that uses the new files (<see cref="ServiceSettings"/>) s6's additions.
/// <para>
/// Phases: down, up (./run alive), finishing (./run dead, ./finish alive). A start owed while
/// ./finish runs waits for it, so there is never a second ./run. Starts are throttled to one per
/// second by a deadline (0.76 sleeps instead and ignores everything meanwhile), and further by the
/// restart policy's back-off; <see cref="NextDeadline"/> is the earliest of that start, the
/// timeout-kill SIGKILL and the timeout-finish SIGKILL, and <see cref="OnDeadline"/> acts on each.
/// </para>
/// <para>
/// Transitions beyond 0.76: ./run dies → death recorded, ./finish started (finishing) or the
/// restart decided; ./finish ends → exit 125 means permanent failure (want down), else restart
/// if wanted; readiness → ready (cleared by the death); d → down-signal, CONT, and the kill
/// timer; r → down-signal only, restart wanted; P/C/K → the group, when ./run leads one.
/// A directory without the files sees none of this and gets 0.76's 18-byte status.
/// </para>
/// <para>
/// Each event (a batch of control bytes, a death, a deadline, readiness) is applied whole and the
/// status written once after it: 0.76 rewrites the status after every control byte, which made a
/// queue of a few thousand commands take seconds to work off while the status showed a command long superseded.
/// </para>
/// </summary>
public sealed class Supervisor
{
    /// <summary>At most one start per this many milliseconds.</summary>
    public const long RestartThrottleMilliseconds = 1000;

    /// <summary>How long to wait after the system refused to create a process.</summary>
    public const long ForkRetryMilliseconds = 60_000;

    private readonly IServiceRunner _runner;
    private readonly IClock _clock;
    private readonly Func<long> _monotonicMilliseconds;
    private readonly Action<StatusRecord, StatusExtension?> _announce;
    private readonly Action<SupervisorWarning> _warn;
    private readonly Func<ServiceSettings> _readSettings;
    private readonly Action<ReadOnlyMemory<Death>> _recordDeaths;

    private bool _want = true;
    private bool _wantUp;
    private bool _paused;
    private bool _exit;
    private bool _startOwed;
    private int _pid;
    private long _nextStart = long.MinValue;
    private Tai64NLabel _changed;
    private bool _announceOwed;

    private ServiceSettings _settings = ServiceSettings.Plain;
    private bool _settingsJustRead;
    private int _finishPid;
    private bool _ready;
    private Tai64NLabel _readySince;
    private bool _failed;
    private bool _wantRestart;
    private long? _killDeadline;
    private bool _killGroupOnTimeout;
    private long? _finishDeadline;
    private Tai64NLabel _lastDeath;
    private int _lastExitCode;
    private int _lastSignal;
    private Death[] _deaths = [];
    private int _deathCount;
    private long _startedAt;
    private long _readyAt;
    private int _quickDeaths;
    private long[] _recentDeaths = [];
    private int _recentCount;

    /// <summary>Creates a 0.76 machine; <paramref name="normallyUp"/> is false when ./down exists.</summary>
    public Supervisor(
        bool normallyUp,
        IServiceRunner runner,
        IClock clock,
        Func<long> monotonicMilliseconds,
        Action<StatusRecord> announce,
        Action<SupervisorWarning> warn)
        : this(normallyUp, runner, clock, monotonicMilliseconds, (record, _) => announce(record), warn, static () => ServiceSettings.Plain, static _ => { })
    {
    }

    /// <summary>
    /// Creates the machine. <paramref name="readSettings"/> is asked before each start, at each
    /// death of ./run, and at each down or restart; <paramref name="recordDeaths"/> receives the death history after each death.
    /// </summary>
    public Supervisor(
        bool normallyUp,
        IServiceRunner runner,
        IClock clock,
        Func<long> monotonicMilliseconds,
        Action<StatusRecord, StatusExtension?> announce,
        Action<SupervisorWarning> warn,
        Func<ServiceSettings> readSettings,
        Action<ReadOnlyMemory<Death>> recordDeaths)
    {
        _wantUp = normallyUp;
        _runner = runner;
        _clock = clock;
        _monotonicMilliseconds = monotonicMilliseconds;
        _announce = announce;
        _warn = warn;
        _readSettings = readSettings;
        _recordDeaths = recordDeaths;
        _changed = clock.Now();
    }

    /// <summary>The pid of ./run, 0 while it is down.</summary>
    public int ChildPid => _pid;

    /// <summary>The pid of ./finish, 0 when none runs.</summary>
    public int FinishPid => _finishPid;

    /// <summary>True when the directory uses the new files (as of the last start or death): the status is extended.</summary>
    public bool IsExtended => _settings.UsesNewFeatures;

    /// <summary>The settings as read at the last start or death of ./run.</summary>
    public ServiceSettings Settings => _settings;

    /// <summary>True once `x` was received and the service is down: supervise should exit.</summary>
    public bool ShouldExit => _exit && _pid == 0 && _finishPid == 0 && !_startOwed;

    /// <summary>When (in monotonic milliseconds) something is due: an owed start or a SIGKILL; null when nothing is.</summary>
    public long? NextDeadline
    {
        get
        {
            long? next = _startOwed && _pid == 0 && _finishPid == 0 ? _nextStart : null;
            if (_killDeadline is long kill && (next is null || kill < next)) next = kill;
            if (_finishDeadline is long finish && (next is null || finish < next)) next = finish;
            return next;
        }
    }

    /// <summary>The 0.76 record as it stands now.</summary>
    public StatusRecord Status => StatusRecord.From(_changed, _pid, _paused, !_want ? ServiceWant.Once : _wantUp ? ServiceWant.Up : ServiceWant.Down);

    /// <summary>The bytes after the 18th as they stand now; null for a directory without the new files.</summary>
    public StatusExtension? Extension => _settings.UsesNewFeatures ? BuildExtension() : null;

    /// <summary>Writes the status as it stands (0.76 does so once more as supervise exits).</summary>
    public void Announce()
    {
        _announceOwed = false;
        _announce(Status, Extension);
    }

    /// <summary>Stamps supervise's start and writes the first status (0.76 does this before creating supervise/ok).</summary>
    public void Begin()
    {
        _settings = _readSettings();
        if (_settings.UsesNewFeatures) _recordDeaths(ReadOnlyMemory<Death>.Empty);
        _changed = _clock.Now();
        Announce();
    }

    /// <summary>After supervise/ok exists: start ./run unless ./down exists.</summary>
    public void StartIfWanted()
    {
        if (!_want || _wantUp) RequestStart();
        AnnounceIfOwed();
    }

    /// <summary>./run (pid <see cref="ChildPid"/>) has exited with <paramref name="exitCode"/>.</summary>
    public void OnChildExited(int exitCode = 0)
    {
        OnChildEnded(signaled: false, exitCode);
        AnnounceIfOwed();
    }

    /// <summary>./run (pid <see cref="ChildPid"/>) was killed by <paramref name="signal"/>.</summary>
    public void OnChildKilled(int signal)
    {
        OnChildEnded(signaled: true, signal);
        AnnounceIfOwed();
    }

    /// <summary>./finish (pid <see cref="FinishPid"/>) has ended; exit code 125 means permanent failure.</summary>
    public void OnFinishEnded(bool signaled, int exitCodeOrSignal)
    {
        _finishPid = 0;
        _finishDeadline = null;
        if (!signaled && exitCodeOrSignal == 125) Fail();
        _announceOwed = true;
        RestartIfWanted();
        OnDeadline();
    }

    /// <summary>./run wrote a newline to its notification descriptor.</summary>
    public void OnReady()
    {
        if (_pid == 0 || _ready) return;
        _ready = true;
        _readySince = _clock.Now();
        _readyAt = _monotonicMilliseconds();
        Announce();
    }

    /// <summary>A deadline passed: make the owed start, or send the SIGKILL that is due.</summary>
    public void OnDeadline()
    {
        long now = _monotonicMilliseconds();
        if (_killDeadline is long kill && now >= kill)
        {
            _killDeadline = null;
            if (_pid != 0)
            {
                if (!_killGroupOnTimeout || !_runner.SignalGroup(_pid, Signal.Kill)) _runner.Signal(_pid, Signal.Kill);
            }
        }
        if (_finishDeadline is long finish && now >= finish)
        {
            _finishDeadline = null;
            if (_finishPid != 0)
            {
                _warn(new SupervisorWarning(SupervisorWarningKind.FinishKilled, Errno.None));
                _runner.Signal(_finishPid, Signal.Kill);
            }
        }
        StartIfDue();
        AnnounceIfOwed();
    }

    /// <summary>One byte from supervise/control; unknown bytes are ignored, as in 0.76.</summary>
    public void OnControl(byte command) => OnControl([command]);

    /// <summary>Bytes from supervise/control, applied in order; the status is written once, after the last.</summary>
    public void OnControl(ReadOnlySpan<byte> commands)
    {
        foreach (byte command in commands) Apply(command);
        AnnounceIfOwed();
    }

    private void Apply(byte command)
    {
        switch ((ControlCommand)command)
        {
            case ControlCommand.Down:
                _want = true;
                _wantUp = false;
                _startOwed = false;
                _wantRestart = false;
                if (_pid != 0)
                {
                    ServiceSettings settings = ReadSettingsForSignal();
                    _runner.Signal(_pid, (Signal)settings.DownSignal);
                    _runner.Signal(_pid, Signal.Continue);
                    _paused = false;
                    if (settings.TimeoutKillMilliseconds > 0) _killDeadline = _monotonicMilliseconds() + settings.TimeoutKillMilliseconds;
                    _killGroupOnTimeout = settings.KillGroupOnTimeout;
                }
                _announceOwed = true;
                break;
            case ControlCommand.Up:
                _want = true;
                _wantUp = true;
                StartIfDown();
                break;
            case ControlCommand.Once:
                _want = false;
                StartIfDown();
                break;
            case ControlCommand.Restart:
                if (_pid == 0) break;
                _runner.Signal(_pid, (Signal)ReadSettingsForSignal().DownSignal);
                if (_want && !_wantUp) break;
                _wantRestart = true;
                if (IsExtended) _announceOwed = true;
                break;
            case ControlCommand.Alarm or ControlCommand.Hangup or ControlCommand.Kill or ControlCommand.Terminate or ControlCommand.Interrupt
                or ControlCommand.Quit or ControlCommand.User1 or ControlCommand.User2 or ControlCommand.WindowChange or ControlCommand.Abort:
                SignalChild(SignalFor((ControlCommand)command));
                break;
            case ControlCommand.Pause:
                _paused = true;
                _announceOwed = true;
                SignalChild(Signal.Stop);
                break;
            case ControlCommand.Continue:
                _paused = false;
                _announceOwed = true;
                SignalChild(Signal.Continue);
                break;
            case ControlCommand.PauseGroup:
                if (_pid != 0 && _runner.SignalGroup(_pid, Signal.Stop))
                {
                    _paused = true;
                    _announceOwed = true;
                }
                break;
            case ControlCommand.ContinueGroup:
                if (_pid != 0 && _runner.SignalGroup(_pid, Signal.Continue))
                {
                    _paused = false;
                    _announceOwed = true;
                }
                break;
            case ControlCommand.KillGroup:
                if (_pid != 0) _runner.SignalGroup(_pid, Signal.Kill);
                break;
            case ControlCommand.Exit:
                _exit = true;
                _announceOwed = true;
                break;
        }
    }

    /// <summary>Up and once: a permanent failure is forgotten and a service that is down is started.</summary>
    private void StartIfDown()
    {
        _failed = false;
        _announceOwed = true;
        if (_pid == 0) RequestStart();
    }

    private void OnChildEnded(bool signaled, int exitCodeOrSignal)
    {
        int pid = _pid;
        _pid = 0;
        _changed = _clock.Now();
        _killDeadline = null;
        bool ready = _ready;
        _ready = false;
        _readySince = default;
        // As s6-supervise: ./finish, timeout-finish, max-death-tally and (ours) restart-policy and
        // flag-setsid for ./finish are looked at now, as ./run dies; the readiness it was started with judges its life.
        // 0.76's child says it could not exec ./run; ours tells the errno when it is reaped.
        Errno execFailure = _runner.TakeExecFailure(pid);
        if (execFailure != Errno.None) _warn(new SupervisorWarning(SupervisorWarningKind.StartFailed, execFailure));
        int? notificationFd = _settings.NotificationFd;
        _settings = _readSettings();
        // A restart within this same event starts from what was just read (s6 reads again at spawn,
        // an instant later): ten fewer stats between a death and the new ./run.
        _settingsJustRead = true;
        try
        {
            AfterChildEnded(signaled, exitCodeOrSignal, ready, notificationFd);
        }
        finally
        {
            _settingsJustRead = false;
        }
    }

    private void AfterChildEnded(bool signaled, int exitCodeOrSignal, bool ready, int? notificationFd)
    {
        if (!_settings.UsesNewFeatures)
        {
            _announceOwed = true;
            RestartIfWanted();
            return;
        }

        _lastDeath = _changed;
        _lastExitCode = signaled ? 256 : exitCodeOrSignal;
        _lastSignal = signaled ? exitCodeOrSignal : 0;
        Remember(Death.From(_changed, signaled, exitCodeOrSignal));
        if (!_wantRestart && _want && _wantUp) ApplyPolicy(ready, notificationFd);

        if (_settings.HasFinish)
        {
            StartResult finish = _runner.StartFinish(_settings, _lastExitCode, _lastSignal);
            if (finish.Started)
            {
                _finishPid = finish.Pid;
                if (_settings.TimeoutFinishMilliseconds > 0) _finishDeadline = _monotonicMilliseconds() + _settings.TimeoutFinishMilliseconds;
                _announceOwed = true;
                return;
            }
            if (finish.Errno != Errno.ENOENT) _warn(new SupervisorWarning(SupervisorWarningKind.FinishFailed, finish.Errno));
        }
        _announceOwed = true;
        RestartIfWanted();
    }

    /// <summary>After ./run (and ./finish) ended: start again if wanted up, or asked by svc -r.</summary>
    private void RestartIfWanted()
    {
        bool restart = _wantRestart && !_failed;
        _wantRestart = false;
        if (_exit) return;
        if ((_want && _wantUp) || restart) RequestStart();
    }

    /// <summary>Back-off and give-up for a death nobody asked for.</summary>
    private void ApplyPolicy(bool wasReady, int? notificationFd)
    {
        if (_settings.Restart is not RestartPolicy policy) return;
        long now = _monotonicMilliseconds();
        long lived = notificationFd is null ? now - _startedAt : wasReady ? now - _readyAt : 0;
        _quickDeaths = lived >= policy.StableMilliseconds ? 0 : _quickDeaths + 1;
        if (policy.GiveUpDeaths <= 0) return;
        if (_recentDeaths.Length != policy.GiveUpDeaths)
        {
            _recentDeaths = new long[policy.GiveUpDeaths];
            _recentCount = 0;
        }
        // A ring of the last N death times: N deaths within the window mean permanent failure.
        _recentDeaths[_recentCount % _recentDeaths.Length] = now;
        _recentCount++;
        if (_recentCount >= _recentDeaths.Length && now - _recentDeaths[_recentCount % _recentDeaths.Length] <= policy.GiveUpWindowMilliseconds)
        {
            Fail();
        }
    }

    /// <summary>Permanent failure: want down until svc -u or -o.</summary>
    private void Fail()
    {
        _failed = true;
        _want = true;
        _wantUp = false;
        _startOwed = false;
        _wantRestart = false;
        _recentCount = 0;
        _quickDeaths = 0;
    }

    private void Remember(Death death)
    {
        int max = _settings.MaxDeathTally;
        if (max <= 0)
        {
            _deathCount = 0;
            _recordDeaths(ReadOnlyMemory<Death>.Empty);
            return;
        }
        if (_deaths.Length != max) Array.Resize(ref _deaths, max);
        if (_deathCount > max) _deathCount = max;
        if (_deathCount == max)
        {
            Array.Copy(_deaths, 1, _deaths, 0, max - 1);
            _deathCount--;
        }
        _deaths[_deathCount++] = death;
        _recordDeaths(_deaths.AsMemory(0, _deathCount));
    }

    private ServiceSettings ReadSettingsForSignal() => _readSettings();

    private StatusExtension BuildExtension()
    {
        var flags = StatusExtensionFlags.None;
        if (_ready) flags |= StatusExtensionFlags.Ready;
        if (_finishPid != 0) flags |= StatusExtensionFlags.Finishing;
        if (_failed) flags |= StatusExtensionFlags.Failed;
        if (_wantRestart) flags |= StatusExtensionFlags.WantRestart;
        if (_pid != 0 && _settings.NotificationFd is not null) flags |= StatusExtensionFlags.ExpectsReadiness;
        Tai64NLabel nextStart = default;
        if (_startOwed && _pid == 0)
        {
            long wait = Math.Max(0, _nextStart - _monotonicMilliseconds());
            Tai64NLabel now = _clock.Now();
            long nanos = now.Nanoseconds + (wait % 1000) * 1_000_000;
            nextStart = new Tai64NLabel(now.Seconds + (ulong)(wait / 1000) + (ulong)(nanos / 1_000_000_000), (uint)(nanos % 1_000_000_000));
        }
        return new StatusExtension(flags, _readySince, _lastDeath, _lastExitCode, _lastSignal, _deathCount, _finishPid, nextStart);
    }

    /// <summary>The signal a signal-only command (a h k t i q 1 2 y b) sends.</summary>
    private static Signal SignalFor(ControlCommand command) => command switch
    {
        ControlCommand.Alarm => Signal.Alarm,
        ControlCommand.Hangup => Signal.Hangup,
        ControlCommand.Kill => Signal.Kill,
        ControlCommand.Terminate => Signal.Terminate,
        ControlCommand.Quit => Signal.Quit,
        ControlCommand.User1 => Signal.User1,
        ControlCommand.User2 => Signal.User2,
        ControlCommand.WindowChange => Signal.WindowChange,
        ControlCommand.Abort => Signal.Abort,
        _ => Signal.Interrupt,
    };

    private void SignalChild(Signal signal)
    {
        if (_pid != 0) _runner.Signal(_pid, signal);
    }

    private void RequestStart()
    {
        _startOwed = true;
        if (_settings.Restart is RestartPolicy policy && _quickDeaths > 0)
        {
            _nextStart = Math.Max(_nextStart, _monotonicMilliseconds() + policy.Delay(_quickDeaths));
        }
        StartIfDue();
    }

    private void StartIfDue()
    {
        if (_startOwed && _pid == 0 && _finishPid == 0 && _monotonicMilliseconds() >= _nextStart) Start();
    }

    private void AnnounceIfOwed()
    {
        if (_announceOwed) Announce();
    }

    private void Start()
    {
        _startOwed = false;
        long now = _monotonicMilliseconds();
        _nextStart = now + RestartThrottleMilliseconds;
        if (!_settingsJustRead) _settings = _readSettings();
        StartResult started = _runner.Start(_settings);
        Errno errno = started.Errno;
        if (started.Started)
        {
            _paused = false;
            _failed = false;
            _pid = started.Pid;
            _startedAt = now;
            _changed = _clock.Now();
            _announceOwed = true;
            return;
        }
        if (errno is Errno.EAGAIN or Errno.ENOMEM)
        {
            // The system could not create a process: 0.76 sleeps 60 seconds (and then never retries; we do).
            _warn(new SupervisorWarning(SupervisorWarningKind.ForkFailed, errno));
            _nextStart = now + ForkRetryMilliseconds;
            _startOwed = true;
            return;
        }
        // ./run could not be executed: in 0.76 the child reports it and exits 111 at once, so the
        // service is down again, and restarted after the throttle if it is wanted up.
        _warn(new SupervisorWarning(SupervisorWarningKind.StartFailed, errno));
        _changed = _clock.Now();
        _announceOwed = true;
        if (_want && _wantUp && !_exit) _startOwed = true;
    }
}
