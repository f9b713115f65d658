using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// The state machine of one supervise (daemontools 0.76 semantics): want up / down / once,
/// pause, exit, and the status record announced after each event. Starts are throttled to one
/// per second by a deadline (0.76 sleeps instead and ignores everything meanwhile); a start that
/// is owed waits for <see cref="NextDeadline"/> and is then made by <see cref="OnDeadline"/>.
/// A batch of control bytes is applied in order and announced once, after its last byte: 0.76
/// rewrites the status after every byte, which made a queue of a few thousand commands take
/// seconds to work off while the status showed the state of a command long superseded.
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
    private readonly Action<StatusRecord> _announce;
    private readonly Action<SupervisorWarning> _warn;

    private bool _want = true;
    private bool _wantUp;
    private bool _paused;
    private bool _exit;
    private bool _startOwed;
    private int _pid;
    private long _nextStart = long.MinValue;
    private Tai64NLabel _changed;
    private bool _announceOwed;

    /// <summary>Creates the machine; <paramref name="normallyUp"/> is false when ./down exists.</summary>
    public Supervisor(
        bool normallyUp,
        IServiceRunner runner,
        IClock clock,
        Func<long> monotonicMilliseconds,
        Action<StatusRecord> announce,
        Action<SupervisorWarning> warn)
    {
        _wantUp = normallyUp;
        _runner = runner;
        _clock = clock;
        _monotonicMilliseconds = monotonicMilliseconds;
        _announce = announce;
        _warn = warn;
        _changed = clock.Now();
    }

    /// <summary>The pid of ./run, 0 while it is down.</summary>
    public int ChildPid => _pid;

    /// <summary>True once `x` was received and the service is down: supervise should exit.</summary>
    public bool ShouldExit => _exit && _pid == 0 && !_startOwed;

    /// <summary>When (in monotonic milliseconds) an owed start may be made; null when none is owed.</summary>
    public long? NextDeadline => _startOwed && _pid == 0 ? _nextStart : null;

    /// <summary>The record as it stands now.</summary>
    public StatusRecord Status => StatusRecord.From(_changed, _pid, _paused, !_want ? ServiceWant.Once : _wantUp ? ServiceWant.Up : ServiceWant.Down);

    /// <summary>Writes the status as it stands (0.76 does so once more as supervise exits).</summary>
    public void Announce()
    {
        _announceOwed = false;
        _announce(Status);
    }

    /// <summary>Stamps supervise's start and writes the first status (0.76 does this before creating supervise/ok).</summary>
    public void Begin()
    {
        _changed = _clock.Now();
        Announce();
    }

    /// <summary>After supervise/ok exists: start ./run unless ./down exists.</summary>
    public void StartIfWanted()
    {
        if (!_want || _wantUp) RequestStart();
        AnnounceIfOwed();
    }

    /// <summary>./run (pid <see cref="ChildPid"/>) has ended and been reaped.</summary>
    public void OnChildExited()
    {
        _pid = 0;
        _changed = _clock.Now();
        _announceOwed = true;
        if (!_exit && _want && _wantUp) RequestStart();
        AnnounceIfOwed();
    }

    /// <summary>The deadline passed: make the owed start, if it is still owed.</summary>
    public void OnDeadline()
    {
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
                if (_pid != 0)
                {
                    _runner.Signal(_pid, Signal.Terminate);
                    _runner.Signal(_pid, Signal.Continue);
                    _paused = false;
                }
                _announceOwed = true;
                break;
            case ControlCommand.Up:
                _want = true;
                _wantUp = true;
                _announceOwed = true;
                if (_pid == 0) RequestStart();
                break;
            case ControlCommand.Once:
                _want = false;
                _announceOwed = true;
                if (_pid == 0) RequestStart();
                break;
            case ControlCommand.Alarm or ControlCommand.Hangup or ControlCommand.Kill or ControlCommand.Terminate or ControlCommand.Interrupt:
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
            case ControlCommand.Exit:
                _exit = true;
                _announceOwed = true;
                break;
        }
    }

    private void AnnounceIfOwed()
    {
        if (_announceOwed) Announce();
    }

    /// <summary>The signal a signal-only command (a, h, k, t, i) sends.</summary>
    private static Signal SignalFor(ControlCommand command) => command switch
    {
        ControlCommand.Alarm => Signal.Alarm,
        ControlCommand.Hangup => Signal.Hangup,
        ControlCommand.Kill => Signal.Kill,
        ControlCommand.Terminate => Signal.Terminate,
        _ => Signal.Interrupt,
    };

    private void SignalChild(Signal signal)
    {
        if (_pid != 0) _runner.Signal(_pid, signal);
    }

    private void RequestStart()
    {
        _startOwed = true;
        StartIfDue();
    }

    private void StartIfDue()
    {
        if (_startOwed && _pid == 0 && _monotonicMilliseconds() >= _nextStart) Start();
    }

    private void Start()
    {
        _startOwed = false;
        long now = _monotonicMilliseconds();
        _nextStart = now + RestartThrottleMilliseconds;
        StartResult started = _runner.Start();
        Errno errno = started.Errno;
        if (started.Started)
        {
            _paused = false;
            _pid = started.Pid;
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
