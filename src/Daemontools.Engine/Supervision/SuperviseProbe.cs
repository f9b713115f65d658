using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>svok's liveness test: open supervise/ok O_WRONLY|O_NONBLOCK; success means a supervise is reading it.</summary>
public static class SuperviseProbe
{
    /// <summary>Probes <paramref name="directory"/>.</summary>
    public static ProbeResult Check(string directory)
    {
        Errno errno = ServiceDirectoryHandle.Open(directory, out ServiceDirectoryHandle dir);
        if (errno != Errno.None) return new ProbeResult(ProbeOutcome.DirectoryUnavailable, errno);
        using (dir)
        {
            return Check(dir);
        }
    }

    internal static ProbeResult Check(ServiceDirectoryHandle dir)
    {
        Errno errno = Fifo.OpenWriter(dir.Fd, ServiceDirectory.OkName, out Descriptor fd);
        if (errno == Errno.None)
        {
            fd.Close();
            return new ProbeResult(ProbeOutcome.Running, Errno.None);
        }
        ProbeOutcome outcome = errno switch
        {
            Errno.ENXIO => ProbeOutcome.NotRunning,
            Errno.ENOENT => ProbeOutcome.NeverRan,
            _ => dir.BlamesDirectory(errno) ? ProbeOutcome.DirectoryUnavailable : ProbeOutcome.Failed,
        };
        return new ProbeResult(outcome, errno);
    }
}
