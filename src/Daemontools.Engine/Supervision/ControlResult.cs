using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>The outcome of a control write and the errno behind a failure (None for a short write).</summary>
public readonly record struct ControlResult(ControlOutcome Outcome, Errno Errno)
{
    /// <summary>True when supervise received the bytes.</summary>
    public bool Succeeded => Outcome == ControlOutcome.Sent;

    /// <summary>
    /// True when supervise/control is missing (ENOENT): supervise never ran there. svc words it as any
    /// failed open; the cmdlets report it as supervise not running, as <see cref="ServiceStatus.NeverSupervised"/> does.
    /// </summary>
    public bool NeverSupervised => Outcome == ControlOutcome.OpenFailed && Errno == Errno.ENOENT;
}
