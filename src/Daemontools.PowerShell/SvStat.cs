using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>One service directory's status (svstat as an object). ToString() is svstat's line.</summary>
public sealed class SvStat
{
    private readonly string _line;

    internal SvStat(string path, ServiceStatus status, long nowUnixSeconds, DateTimeOffset now)
    {
        Path = path;
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
        State = record.IsUp ? SvState.Up : SvState.Down;
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
        _line = StatusLine.Format(record, status.NormallyUp, nowUnixSeconds);
    }

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
    public override string ToString() => Path + ": " + _line;

    /// <summary>Reads <paramref name="path"/> now.</summary>
    internal static SvStat From(string path, ServiceStatus status)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return new SvStat(path, status, SystemClock.Instance.Now().UnixSeconds, now) { LogDetached = LogPairing.IsDetached(path) };
    }
}
