using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// Whether a service's output reaches its logger. svscan pairs a service with its log/ only when
/// it first sees the service, so a log/ added later is never run: the service is supervised, its
/// logger is not, and the service's output goes wherever svscan's own goes.
/// </summary>
public static class LogPairing
{
    /// <summary>
    /// True when <paramref name="directory"/> has a log/ that no supervise runs while the service's
    /// supervise runs, judged with the <paramref name="status"/> just read there.
    /// </summary>
    public static bool IsDetached(string directory, ServiceStatus status)
    {
        // A status record is only read once supervise/ok opened: it proves the service's supervise
        // runs, so no second probe; and a directory without one has no log/ to look at.
        if (status.Failure != StatusFailure.None) return false;
        string log = Path.Combine(directory, "log");
        return Directory.Exists(log) && SuperviseProbe.Check(log).Outcome != ProbeOutcome.Running;
    }
}
