using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>svok's liveness test: open supervise/ok O_WRONLY|O_NONBLOCK; success means a supervise is reading it.</summary>
public static class SuperviseProbe
{
    /// <summary>Probes <paramref name="directory"/>; <paramref name="errno"/> explains the failing outcomes.</summary>
    public static ProbeOutcome Check(string directory, out int errno)
    {
        if (!ServiceDirectoryHandle.TryOpen(directory, out ServiceDirectoryHandle dir, out errno)) return ProbeOutcome.DirectoryUnavailable;
        using (dir)
        {
            return Check(dir, out errno);
        }
    }

    internal static ProbeOutcome Check(ServiceDirectoryHandle dir, out int errno)
    {
        int fd = FileSystem.OpenAt(dir.Fd, ServiceDirectory.OkName, FileSystem.WriteOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (fd >= 0)
        {
            Descriptor.Close(fd);
            return ProbeOutcome.Running;
        }
        return errno switch
        {
            Errno.ENXIO => ProbeOutcome.NotRunning,
            Errno.ENOENT => ProbeOutcome.NeverRan,
            _ => dir.BlamesDirectory(errno) ? ProbeOutcome.DirectoryUnavailable : ProbeOutcome.Failed,
        };
    }
}
