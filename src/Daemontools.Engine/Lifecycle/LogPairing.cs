using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// Whether a service's output reaches its logger. svscan pairs a service with its log/ only when
/// it first sees the service, so a log/ added later is never run: the service is supervised, its
/// logger is not, and the service's output goes wherever svscan's own goes.
/// </summary>
public static class LogPairing
{
    /// <summary>True when <paramref name="directory"/> has a log/ that no supervise runs while the service's supervise runs.</summary>
    public static bool IsDetached(string directory)
    {
        string log = Path.Combine(directory, "log");
        return Directory.Exists(log)
            && SuperviseProbe.Check(directory).Outcome == ProbeOutcome.Running
            && SuperviseProbe.Check(log).Outcome != ProbeOutcome.Running;
    }
}
