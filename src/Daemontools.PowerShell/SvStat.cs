using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>One service directory's status (svstat as an object). ToString() is svstat's line.</summary>
public sealed class SvStat
{
    private readonly ServiceStatus _status;
    private readonly long _nowUnixSeconds;
    private string? _line;

    internal SvStat(string path, ServiceStatus status, long nowUnixSeconds, DateTimeOffset now)
    {
        Path = path;
        _status = status;
        _nowUnixSeconds = nowUnixSeconds;
        Name = ServiceName.Of(path);
        NormallyUp = status.NormallyUp;
        if (status.Failure != StatusFailure.None)
        {
            State = SvState.NotSupervised;
            StatusBytes = [];
            _line = status.NeverSupervised ? "unable to open supervise/ok: " + status.Errno.Wording() : StatusLine.NotRunning;
            return;
        }
        StatusRecord record = status.Record;
        State = StateOf(record, status.Extension);
        ProcessId = record.IsUp ? (int)record.ProcessId : null;
        DateTimeOffset since = record.Changed.ToDateTimeOffset();
        Since = since.UtcDateTime;
        Duration = now > since ? now - since : TimeSpan.Zero;
        Paused = record.IsPaused;
        Want = record.Want switch
        {
            ServiceWant.Up => SvWant.Up,
            ServiceWant.Down => SvWant.Down,
            ServiceWant.Once => SvWant.Once,
            _ => null,
        };
        StatusBytes = status.Bytes;
        if (status.Extension is not StatusExtension x) return;
        Extended = true;
        Ready = record.IsUp && x.IsReady;
        ReadySince = Ready ? x.ReadySince.ToDateTimeOffset().UtcDateTime : null;
        if (x.HasDied)
        {
            LastExitTime = x.LastDeath.ToDateTimeOffset().UtcDateTime;
            LastExitCode = x.LastDeathWasSignal ? null : x.LastExitCode;
            LastSignal = x.LastDeathWasSignal ? x.LastSignal : null;
        }
        Failed = x.HasFailed;
        Deaths = x.Deaths;
        FinishProcessId = x.FinishPid != 0 ? x.FinishPid : null;
    }

    /// <summary>The state of a running supervise's record: 0.76's Up/Down, refined when the status is extended.</summary>
    internal static SvState StateOf(StatusRecord record, StatusExtension? extension) => record.Phase(extension) switch
    {
        ServicePhase.Up => SvState.Up,
        ServicePhase.Down => SvState.Down,
        ServicePhase.Starting => SvState.Starting,
        ServicePhase.Ready => SvState.Ready,
        ServicePhase.Stopping => SvState.Stopping,
        _ => SvState.Finishing,
    };

    /// <summary>The directory's name (its last path component; SERVICE/log for a logger).</summary>
    public string Name { get; }

    /// <summary>The service directory's full path.</summary>
    public string Path { get; }

    /// <summary>Up, Down, or NotSupervised.</summary>
    public SvState State { get; }

    /// <summary>The pid of ./run while up.</summary>
    public int? ProcessId { get; }

    /// <summary>When ./run last started or stopped (or supervise started), UTC: a DateTime, so it stays one through remoting.</summary>
    public DateTime? Since { get; }

    /// <summary>Time in the current state.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>No ./down file: supervise starts the service by itself.</summary>
    public bool NormallyUp { get; }

    /// <summary>What supervise keeps the service at; null when not supervised.</summary>
    public SvWant? Want { get; }

    /// <summary>Paused with svc -p (only while up).</summary>
    public bool Paused { get; }

    /// <summary>True when the directory uses the new files (finish, notification-fd, ...): the properties below are meaningful.</summary>
    public bool Extended { get; }

    /// <summary>./run is up and said it is ready (notification-fd).</summary>
    public bool Ready { get; }

    /// <summary>When ./run said it was ready (UTC, a DateTime so it stays one through remoting); null unless <see cref="Ready"/>.</summary>
    public DateTime? ReadySince { get; }

    /// <summary>The exit code of the last ./run; null when a signal killed it or none died yet.</summary>
    public int? LastExitCode { get; }

    /// <summary>The signal that killed the last ./run; null when it exited or none died yet.</summary>
    public int? LastSignal { get; }

    /// <summary>When the last ./run died (UTC, a DateTime so it stays one through remoting); null when none died yet.</summary>
    public DateTime? LastExitTime { get; }

    /// <summary>Permanent failure (finish exited 125, or the restart policy gave up): not restarted until -Up or -Once.</summary>
    public bool Failed { get; }

    /// <summary>Deaths remembered in supervise/death_tally.</summary>
    public int Deaths { get; }

    /// <summary>The pid of ./finish while it runs.</summary>
    public int? FinishProcessId { get; }

    /// <summary>With Get-SvStat -IncludeHistory: the remembered deaths, oldest first.</summary>
    public SvDeath[]? History { get; internal set; }

    /// <summary>
    /// True when DIR/log exists but no supervise runs it while the service's does: the service's output
    /// does not reach that logger (svscan pairs a logger only when it first sees a service; disable and
    /// enable the service, or restart its supervise, to pair them).
    /// </summary>
    public bool LogDetached { get; private init; }

    /// <summary>With Get-SvStat -IncludeLog: the status of DIR/log, the logger svscan pairs with this service (null when there is none).</summary>
    public SvStat? Log { get; internal set; }

    /// <summary>The raw bytes of supervise/status (18, or none when not supervised).</summary>
    public byte[] StatusBytes { get; }

    /// <summary>svstat's line: "PATH: up (pid N) S seconds, ...".</summary>
    public override string ToString() => Path + ": " + (_line ??= StatusLine.Format(_status.Record, _status.Extension, _status.NormallyUp, _nowUnixSeconds));

    /// <summary>Reads <paramref name="path"/> now.</summary>
    internal static SvStat From(string path, ServiceStatus status)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return new SvStat(path, status, SystemClock.Instance.Now().UnixSeconds, now) { LogDetached = LogPairing.IsDetached(path) };
    }
}
