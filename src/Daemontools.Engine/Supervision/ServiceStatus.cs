using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// One service directory's state as svstat determines it: whether ./down exists, whether a
/// supervise is running, and the status record; or the step that failed and its errno.
/// </summary>
public sealed class ServiceStatus
{
    private ServiceStatus(string path, StatusFailure failure, Errno errno, bool normallyUp, StatusRecord record, byte[]? bytes = null, StatusExtension? extension = null)
    {
        Extension = extension;
        Path = path;
        Failure = failure;
        Errno = errno;
        NormallyUp = normallyUp;
        Record = record;
        Bytes = bytes ?? [];
    }

    /// <summary>The directory as given.</summary>
    public string Path { get; }

    /// <summary>The failed step, or <see cref="StatusFailure.None"/>.</summary>
    public StatusFailure Failure { get; }

    /// <summary>errno of the failed step (None for none and for bad format).</summary>
    public Errno Errno { get; }

    /// <summary>No ./down file: supervise starts the service when it starts. Meaningful once ./down was examined.</summary>
    public bool NormallyUp { get; }

    /// <summary>No supervise has ever run here: supervise/ok does not exist.</summary>
    public bool NeverSupervised => Failure == StatusFailure.OkUnavailable && Errno == Errno.ENOENT;

    /// <summary>No supervise is running here (it exited, or it never ran): not a failure of reading.</summary>
    public bool NotSupervised => Failure == StatusFailure.NotRunning || NeverSupervised;

    /// <summary>The status record; meaningful when <see cref="Failure"/> is None.</summary>
    public StatusRecord Record { get; }

    /// <summary>The bytes read from supervise/status (at most 18; fewer for a bad format; none when unread).</summary>
    public byte[] Bytes { get; }

    /// <summary>What follows the 18 bytes when the directory uses the new files; null for a 0.76 status.</summary>
    public StatusExtension? Extension { get; }

    /// <summary>Reads the state of <paramref name="directory"/> with svstat's steps (no working-directory change).</summary>
    public static ServiceStatus Read(string directory)
    {
        // The usual case first, in six system calls (0.76 makes eight): a supervise/ok that opens proves
        // the directory could be entered, so no step before it can fail. Anything else takes the
        // step-by-step path, which reports the first failure in 0.76's order.
        if (Fifo.OpenWriter(FileSystem.WorkingDirectory, directory + "/" + ServiceDirectory.OkName, out Descriptor ok) == Errno.None)
        {
            ok.Close();
            return ReadRunning(directory);
        }
        Errno errno = ServiceDirectoryHandle.Open(directory, out ServiceDirectoryHandle dir);
        if (errno != Errno.None) return Failed(directory, StatusFailure.DirectoryUnavailable, errno);
        using (dir)
        {
            return Read(dir);
        }
    }

    private static ServiceStatus Read(ServiceDirectoryHandle dir)
    {
        Errno errno = FileSystem.StatAt(dir.Fd, ServiceDirectory.DownName, out _);
        if (errno is not (Errno.None or Errno.ENOENT)) return Failed(dir, StatusFailure.DownUnavailable, errno);
        bool normallyUp = errno == Errno.ENOENT;

        ProbeResult probe = SuperviseProbe.Check(dir);
        switch (probe.Outcome)
        {
            case ProbeOutcome.NotRunning:
                return new ServiceStatus(dir.Path, StatusFailure.NotRunning, probe.Errno, normallyUp, default);
            case ProbeOutcome.NeverRan or ProbeOutcome.Failed or ProbeOutcome.DirectoryUnavailable:
                return Failed(dir, StatusFailure.OkUnavailable, probe.Errno, normallyUp);
        }

        errno = FileSystem.OpenAt(dir.Fd, ServiceDirectory.StatusName, Linux.O_RDONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0, out Descriptor fd);
        if (errno != Errno.None) return Failed(dir, StatusFailure.StatusUnavailable, errno, normallyUp);
        return ReadRecord(dir.Path, fd, normallyUp);
    }

    private static ServiceStatus ReadRunning(string directory)
    {
        Errno errno = FileSystem.Stat(directory + "/" + ServiceDirectory.DownName, out _);
        if (errno is not (Errno.None or Errno.ENOENT)) return Failed(directory, StatusFailure.DownUnavailable, errno);
        bool normallyUp = errno == Errno.ENOENT;
        errno = FileSystem.OpenRead(directory + "/" + ServiceDirectory.StatusName, out Descriptor fd);
        if (errno != Errno.None) return Failed(directory, StatusFailure.StatusUnavailable, errno, normallyUp);
        return ReadRecord(directory, fd, normallyUp);
    }

    private static ServiceStatus ReadRecord(string directory, Descriptor fd, bool normallyUp)
    {
        Span<byte> file = stackalloc byte[StatusExtension.FileLength];
        Errno errno = fd.Read(file, out int n);
        fd.Close();
        if (errno != Errno.None) return Failed(directory, StatusFailure.StatusUnreadable, errno, normallyUp);
        byte[] bytes = file[..Math.Min(n, StatusRecord.Length)].ToArray();
        if (!StatusRecord.TryDecode(bytes, out StatusRecord record))
        {
            return new ServiceStatus(directory, StatusFailure.BadFormat, Errno.None, normallyUp, default, bytes);
        }
        StatusExtension? extension = StatusExtension.TryDecode(file[..n], out StatusExtension decoded) ? decoded : null;
        return new ServiceStatus(directory, StatusFailure.None, Errno.None, normallyUp, record, bytes, extension);
    }

    private static ServiceStatus Failed(ServiceDirectoryHandle dir, StatusFailure failure, Errno errno, bool normallyUp = false) =>
        dir.BlamesDirectory(errno) ? Failed(dir.Path, StatusFailure.DirectoryUnavailable, errno) : Failed(dir.Path, failure, errno, normallyUp);

    private static ServiceStatus Failed(string path, StatusFailure failure, Errno errno, bool normallyUp = false) => new(path, failure, errno, normallyUp, default);
}
