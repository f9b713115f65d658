using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// One service directory's status (svstat as an object). ToString() is svstat's line. The properties
/// decode the bytes read once, when they are asked for: Get-SvStat makes an object per directory and
/// most pipelines look at a few properties of each.
/// </summary>
public sealed class SvStat
{
    private readonly ServiceStatus _status;
    private readonly Tai64NLabel _readAt;
    private string? _line;

    internal SvStat(string path, ServiceStatus status, Tai64NLabel readAt, bool logDetached)
    {
        Path = path;
        Name = ServiceName.Of(path);
        _status = status;
        _readAt = readAt;
        LogDetached = logDetached;
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
    public SvState State => Supervised ? StateOf(Record, _status.Extension) : SvState.NotSupervised;

    /// <summary>The pid of ./run while up.</summary>
    public int? ProcessId => Supervised && Record.IsUp ? (int)Record.ProcessId : null;

    /// <summary>When ./run last started or stopped (or supervise started), UTC: a DateTime, so it stays one through remoting.</summary>
    public DateTime? Since => Supervised ? Record.Changed.ToDateTimeOffset().UtcDateTime : null;

    /// <summary>Time in the current state.</summary>
    public TimeSpan? Duration => Supervised ? Elapsed(Record.Changed.ToDateTimeOffset()) : null;

    /// <summary>No ./down file: supervise starts the service by itself.</summary>
    public bool NormallyUp => _status.NormallyUp;

    /// <summary>What supervise keeps the service at; null when not supervised.</summary>
    public SvWant? Want => !Supervised ? null : Record.Want switch
    {
        ServiceWant.Up => SvWant.Up,
        ServiceWant.Down => SvWant.Down,
        ServiceWant.Once => SvWant.Once,
        _ => null,
    };

    /// <summary>Paused with svc -p (only while up).</summary>
    public bool Paused => Supervised && Record.IsPaused;

    /// <summary>True when the directory uses the new files (finish, notification-fd, ...): the properties below are meaningful.</summary>
    public bool Extended => Extension is not null;

    /// <summary>./run is up and said it is ready (notification-fd).</summary>
    public bool Ready => Record.IsUp && Extension is { IsReady: true };

    /// <summary>When ./run said it was ready (UTC, a DateTime so it stays one through remoting); null unless <see cref="Ready"/>.</summary>
    public DateTime? ReadySince => Ready ? Extension!.Value.ReadySince.ToDateTimeOffset().UtcDateTime : null;

    /// <summary>The exit code of the last ./run; null when a signal killed it or none died yet.</summary>
    public int? LastExitCode => Extension is { HasDied: true, LastDeathWasSignal: false } x ? x.LastExitCode : null;

    /// <summary>The signal that killed the last ./run; null when it exited or none died yet.</summary>
    public int? LastSignal => Extension is { HasDied: true, LastDeathWasSignal: true } x ? x.LastSignal : null;

    /// <summary>When the last ./run died (UTC, a DateTime so it stays one through remoting); null when none died yet.</summary>
    public DateTime? LastExitTime => Extension is { HasDied: true } x ? x.LastDeath.ToDateTimeOffset().UtcDateTime : null;

    /// <summary>Permanent failure (finish exited 125, or the restart policy gave up): not restarted until -Up or -Once.</summary>
    public bool Failed => Extension is { HasFailed: true };

    /// <summary>Deaths remembered in supervise/death_tally.</summary>
    public int Deaths => Extension?.Deaths ?? 0;

    /// <summary>The pid of ./finish while it runs.</summary>
    public int? FinishProcessId => Extension is { FinishPid: not 0 } x ? x.FinishPid : null;

    /// <summary>With Get-SvStat -IncludeHistory: the remembered deaths, oldest first.</summary>
    public SvDeath[]? History { get; internal set; }

    /// <summary>
    /// True when DIR/log exists but no supervise runs it while the service's does: the service's output
    /// does not reach that logger (svscan pairs a logger only when it first sees a service; disable and
    /// enable the service, or restart its supervise, to pair them).
    /// </summary>
    public bool LogDetached { get; }

    /// <summary>With Get-SvStat -IncludeLog: the status of DIR/log, the logger svscan pairs with this service (null when there is none).</summary>
    public SvStat? Log { get; internal set; }

    /// <summary>The raw bytes of supervise/status (18, or none when not supervised).</summary>
    public byte[] StatusBytes => Supervised ? _status.Bytes : [];

    /// <summary>svstat's line: "PATH: up (pid N) S seconds, ...".</summary>
    public override string ToString() => Path + ": " + (_line ??= Line());

    /// <summary>Reads <paramref name="path"/> now.</summary>
    internal static SvStat From(string path, ServiceStatus status) =>
        new(path, status, SystemClock.Instance.Now(), LogPairing.IsDetached(path, status));

    /// <summary>A supervise runs here and its record was read (an object is also made when none runs).</summary>
    private bool Supervised => _status.Failure == StatusFailure.None;

    private StatusRecord Record => _status.Record;

    private StatusExtension? Extension => Supervised ? _status.Extension : null;

    private TimeSpan Elapsed(DateTimeOffset since) => _readAt.ToDateTimeOffset() is var now && now > since ? now - since : TimeSpan.Zero;

    private string Line()
    {
        if (Supervised) return StatusLine.Format(Record, _status.Extension, _status.NormallyUp, _readAt.UnixSeconds);
        return _status.NeverSupervised ? "unable to open supervise/ok: " + _status.Errno.Wording() : StatusLine.NotRunning;
    }
}
