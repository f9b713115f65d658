using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Writes control bytes to a running supervise exactly as 0.76's svc does: open supervise/control
/// O_WRONLY|O_NONBLOCK (ENXIO = no supervise reading), blocking again, all bytes in one write.
/// Beyond 0.76: what it opened is checked to be a FIFO, since bytes written into a regular file
/// reach supervise only when it next wakes (<see cref="ControlOutcome.NotFifo"/>).
/// </summary>
public static class ControlClient
{
    /// <summary>Sends <paramref name="commands"/> to the supervise of <paramref name="directory"/>.</summary>
    public static ControlResult Send(string directory, ReadOnlySpan<byte> commands)
    {
        Errno errno = ServiceDirectoryHandle.Open(directory, out ServiceDirectoryHandle dir);
        if (errno != Errno.None) return new ControlResult(ControlOutcome.DirectoryUnavailable, errno);
        using (dir)
        {
            errno = Fifo.OpenWriter(dir.Fd, ServiceDirectory.ControlName, out Descriptor fd);
            if (errno == Errno.ENXIO) return new ControlResult(ControlOutcome.NotRunning, errno);
            if (errno != Errno.None) return new ControlResult(dir.BlamesDirectory(errno) ? ControlOutcome.DirectoryUnavailable : ControlOutcome.OpenFailed, errno);
            try
            {
                fd.SetBlocking();
                errno = fd.Write(commands, out int written);
                if (written < commands.Length) return new ControlResult(ControlOutcome.WriteFailed, errno);
                bool fifo = fd.Stat(out FileFacts facts) != Errno.None || facts.IsFifo;
                return new ControlResult(fifo ? ControlOutcome.Sent : ControlOutcome.NotFifo, Errno.None);
            }
            finally
            {
                fd.Close();
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
