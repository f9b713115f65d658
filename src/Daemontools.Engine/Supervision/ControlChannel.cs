using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise/control as supervise keeps it: the FIFO it reads, and a writer of it held for life so
/// that it never reads end of file between clients. Anything else under that name swallows
/// commands: svc writes into a regular file and exits 0, and nobody reads it (0.76 spins at full
/// CPU on it). So at start and on every wake (a child's exit, a command, readiness, a deadline)
/// supervise checks that the name is still its FIFO (one fstatat, no allocation) and puts one back,
/// applying first what clients wrote into a regular file found there, and says so once. It holds
/// no inotify instance for this: those are limited per user (fs.inotify.max_user_instances, 128 by
/// default), and a tree of hundreds of supervise would take every one; our svc warns instead when
/// it writes into a regular file.
/// </summary>
internal sealed class ControlChannel
{
    private const UnixFileMode Mode = FileModes.PrivateFile;

    private readonly Action<SupervisorWarning> _warn;
    private Descriptor _reader, _writer;
    private FileFacts _identity;
    private bool _readable = true, _warnedReplaced, _warnedUnrepairable;

    private ControlChannel(Descriptor reader, Descriptor writer, Action<SupervisorWarning> warn)
    {
        _reader = reader;
        _writer = writer;
        _warn = warn;
        _reader.Stat(out _identity);
    }

    /// <summary>What to poll for commands (none once a non-FIFO that could not be replaced was read to its end).</summary>
    public Descriptor Reader => _readable ? _reader : Descriptor.None;

    /// <summary>
    /// Takes supervise/control as 0.76 does at start: mkfifo (an existing one is reused), open for
    /// reading, open for writing; throws <see cref="SuperviseStartupException"/> naming the failed step.
    /// </summary>
    public static ControlChannel Open(string directory, Action<SupervisorWarning> warn)
    {
        Fifo.Make(ServiceDirectory.ControlName, Mode);
        Errno errno = Fifo.OpenReader(FileSystem.WorkingDirectory, ServiceDirectory.ControlName, out Descriptor reader);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.ReadControl, directory + "/" + ServiceDirectory.ControlName, errno);
        errno = Fifo.OpenWriter(FileSystem.WorkingDirectory, ServiceDirectory.ControlName, out Descriptor writer);
        if (errno != Errno.None) throw new SuperviseStartupException(SuperviseStartupStep.WriteControl, directory + "/" + ServiceDirectory.ControlName, errno);
        return new ControlChannel(reader, writer, warn);
    }

    /// <summary>Reads what clients wrote and applies it in order.</summary>
    public void Read(Supervisor supervisor, Span<byte> buffer)
    {
        if (_reader.Read(buffer, out int n) != Errno.None) return;
        if (n == 0)
        {
            // End of file: not a FIFO (we hold a writer of ours). Stop polling it rather than spin.
            _readable = false;
            return;
        }
        supervisor.OnControl(buffer[..n]);
    }

    /// <summary>
    /// Called at start and on every wake: when supervise/control is no longer this FIFO (removed,
    /// renamed over, a regular file in its place, another FIFO), drains what reached the old FIFO,
    /// applies what was written into a regular file, and puts a FIFO back (another FIFO there is
    /// simply taken over). While the name is this FIFO it costs one fstatat and allocates nothing.
    /// </summary>
    public void Repair(Supervisor supervisor, Span<byte> buffer)
    {
        Errno errno = FileSystem.Stat(ServiceDirectory.ControlName, out FileFacts there);
        if (errno == Errno.None && there.IsFifo && there.Device == _identity.Device && there.Inode == _identity.Inode) return;
        if (errno is not (Errno.None or Errno.ENOENT) || (errno == Errno.None && there.IsDirectory))
        {
            Unrepairable(errno == Errno.None ? Errno.EISDIR : errno);
            return;
        }

        if (_identity.IsFifo) Drain(supervisor, buffer);
        string what = errno == Errno.ENOENT ? "removed" : there.IsFifo ? "replaced by another FIFO" : "not a FIFO";
        if (errno == Errno.None && !there.IsFifo)
        {
            Apply(supervisor, buffer);
            errno = FileSystem.Unlink(ServiceDirectory.ControlName);
            if (errno != Errno.None)
            {
                Unrepairable(errno);
                return;
            }
        }
        Fifo.Make(ServiceDirectory.ControlName, Mode);
        errno = Fifo.OpenReader(FileSystem.WorkingDirectory, ServiceDirectory.ControlName, out Descriptor reader);
        if (errno != Errno.None)
        {
            Unrepairable(errno);
            return;
        }
        errno = Fifo.OpenWriter(FileSystem.WorkingDirectory, ServiceDirectory.ControlName, out Descriptor writer);
        if (errno != Errno.None)
        {
            reader.Close();
            Unrepairable(errno);
            return;
        }
        _reader.Close();
        _writer.Close();
        _reader = reader;
        _writer = writer;
        _reader.Stat(out _identity);
        _readable = true;
        if (!_warnedReplaced) _warn(new SupervisorWarning(SupervisorWarningKind.ControlReplaced, Errno.None, what));
        _warnedReplaced = true;
    }

    /// <summary>Applies what clients wrote into the old FIFO before it lost its name.</summary>
    private void Drain(Supervisor supervisor, Span<byte> buffer)
    {
        while (_reader.Read(buffer, out int n) == Errno.None && n > 0) supervisor.OnControl(buffer[..n]);
    }

    /// <summary>Applies what was written into the file now under the name (a client's commands).</summary>
    private static void Apply(Supervisor supervisor, Span<byte> buffer)
    {
        if (FileSystem.OpenRead(ServiceDirectory.ControlName, out Descriptor file) != Errno.None) return;
        while (file.Read(buffer, out int n) == Errno.None && n > 0) supervisor.OnControl(buffer[..n]);
        file.Close();
    }

    private void Unrepairable(Errno errno)
    {
        if (!_warnedUnrepairable) _warn(new SupervisorWarning(SupervisorWarningKind.ControlUnrepairable, errno));
        _warnedUnrepairable = true;
    }
}
