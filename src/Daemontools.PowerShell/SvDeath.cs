using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>One death of ./run from supervise/death_tally (Get-SvStat -IncludeHistory).</summary>
public sealed class SvDeath
{
    internal SvDeath(Death death)
    {
        Time = death.Time.ToDateTimeOffset().UtcDateTime;
        ExitCode = death.WasSignaled ? null : death.ExitCode;
        Signal = death.WasSignaled ? death.Signal : null;
        SignalName = death.WasSignaled ? SignalNames.Format(death.Signal) : null;
    }

    /// <summary>When ./run died (UTC, a DateTime so it stays one through remoting).</summary>
    public DateTime Time { get; }

    /// <summary>Its exit code; null when a signal killed it.</summary>
    public int? ExitCode { get; }

    /// <summary>The signal that killed it; null when it exited.</summary>
    public int? Signal { get; }

    /// <summary>The signal's name (SIGTERM); null when it exited.</summary>
    public string? SignalName { get; }

    /// <summary>s6-svdt's line: "exitcode N" or "signal SIGNAME" after the time.</summary>
    public override string ToString() => $"{Time:O} {(Signal is null ? "exitcode " + ExitCode : "signal " + SignalName)}";
}
