using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Writes control bytes to a running supervise exactly as 0.76's svc does: open supervise/control
/// O_WRONLY|O_NONBLOCK (ENXIO = no supervise reading), blocking again, all bytes in one write.
/// </summary>
public static class ControlClient
{
    /// <summary>Sends <paramref name="commands"/> to the supervise of <paramref name="directory"/>.</summary>
    public static ControlResult Send(string directory, ReadOnlySpan<byte> commands)
    {
        if (!ServiceDirectoryHandle.TryOpen(directory, out ServiceDirectoryHandle dir, out int errno))
        {
            return new ControlResult(ControlOutcome.DirectoryUnavailable, errno);
        }
        using (dir)
        {
            int fd = FileSystem.OpenAt(dir.Fd, ServiceDirectory.ControlName, FileSystem.WriteOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
            if (fd < 0)
            {
                if (errno == Errno.ENXIO) return new ControlResult(ControlOutcome.NotRunning, errno);
                return new ControlResult(dir.BlamesDirectory(errno) ? ControlOutcome.DirectoryUnavailable : ControlOutcome.OpenFailed, errno);
            }
            try
            {
                FileSystem.SetBlocking(fd);
                int written = FileSystem.WriteOnce(fd, commands, out errno);
                return written < commands.Length
                    ? new ControlResult(ControlOutcome.WriteFailed, written < 0 ? errno : 0)
                    : new ControlResult(ControlOutcome.Sent, 0);
            }
            finally
            {
                Descriptor.Close(fd);
            }
        }
    }

    /// <summary>Sends the commands in order (duplicates removed as svc does).</summary>
    public static ControlResult Send(string directory, IEnumerable<ControlCommand> commands)
    {
        var sequence = new ControlSequence();
        foreach (ControlCommand command in commands) sequence.Add(command);
        return Send(directory, sequence.ToArray());
    }
}
