using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// One service directory's state as svstat determines it: whether ./down exists, whether a
/// supervise is running, and the status record; or the step that failed and its errno.
/// </summary>
public sealed class ServiceStatus
{
    private ServiceStatus(string path, StatusFailure failure, int errno, bool normallyUp, StatusRecord record, byte[]? bytes = null)
    {
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

    /// <summary>errno of the failed step (0 for none and for bad format).</summary>
    public int Errno { get; }

    /// <summary>No ./down file: supervise starts the service when it starts. Meaningful once ./down was examined.</summary>
    public bool NormallyUp { get; }

    /// <summary>The status record; meaningful when <see cref="Failure"/> is None.</summary>
    public StatusRecord Record { get; }

    /// <summary>The bytes read from supervise/status (at most 18; fewer for a bad format; none when unread).</summary>
    public byte[] Bytes { get; }

    /// <summary>Reads the state of <paramref name="directory"/> with svstat's steps (no working-directory change).</summary>
    public static ServiceStatus Read(string directory)
    {
        // The usual case first, in six system calls (0.76 makes eight): a supervise/ok that opens proves
        // the directory could be entered, so no step before it can fail. Anything else takes the
        // step-by-step path, which reports the first failure in 0.76's order.
        int ok = FileSystem.Open(directory + "/" + ServiceDirectory.OkName, FileSystem.WriteOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out _);
        if (ok >= 0)
        {
            Descriptor.Close(ok);
            return ReadRunning(directory);
        }
        if (!ServiceDirectoryHandle.TryOpen(directory, out ServiceDirectoryHandle dir, out int errno))
        {
            return Failed(directory, StatusFailure.DirectoryUnavailable, errno);
        }
        using (dir)
        {
            return Read(dir);
        }
    }

    private static ServiceStatus Read(ServiceDirectoryHandle dir)
    {
        int errno = FileSystem.StatAt(dir.Fd, ServiceDirectory.DownName);
        if (errno != 0 && errno != Interop.Errno.ENOENT) return Failed(dir, StatusFailure.DownUnavailable, errno);
        bool normallyUp = errno == Interop.Errno.ENOENT;

        ProbeOutcome probe = SuperviseProbe.Check(dir, out errno);
        switch (probe)
        {
            case ProbeOutcome.NotRunning:
                return new ServiceStatus(dir.Path, StatusFailure.NotRunning, errno, normallyUp, default);
            case ProbeOutcome.NeverRan or ProbeOutcome.Failed or ProbeOutcome.DirectoryUnavailable:
                return Failed(dir, StatusFailure.OkUnavailable, errno, normallyUp);
        }

        int fd = FileSystem.OpenAt(dir.Fd, ServiceDirectory.StatusName, FileSystem.ReadOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (fd < 0) return Failed(dir, StatusFailure.StatusUnavailable, errno, normallyUp);
        return ReadRecord(dir.Path, fd, normallyUp);
    }

    private static ServiceStatus ReadRunning(string directory)
    {
        int errno = FileSystem.StatAt(FileSystem.WorkingDirectory, directory + "/" + ServiceDirectory.DownName);
        if (errno != 0 && errno != Interop.Errno.ENOENT) return Failed(directory, StatusFailure.DownUnavailable, errno);
        bool normallyUp = errno == Interop.Errno.ENOENT;
        int fd = FileSystem.Open(directory + "/" + ServiceDirectory.StatusName, FileSystem.ReadOnly | FileSystem.NonBlocking | FileSystem.CloseOnExec, 0, out errno);
        if (fd < 0) return Failed(directory, StatusFailure.StatusUnavailable, errno, normallyUp);
        return ReadRecord(directory, fd, normallyUp);
    }

    private static ServiceStatus ReadRecord(string directory, int fd, bool normallyUp)
    {
        byte[] bytes = new byte[StatusRecord.Length];
        int n = Descriptor.TryRead(fd, bytes, out int errno);
        Descriptor.Close(fd);
        if (n < 0) return Failed(directory, StatusFailure.StatusUnreadable, errno, normallyUp);
        if (!StatusRecord.TryDecode(bytes.AsSpan(0, n), out StatusRecord record))
        {
            return new ServiceStatus(directory, StatusFailure.BadFormat, 0, normallyUp, default, bytes[..n]);
        }
        return new ServiceStatus(directory, StatusFailure.None, 0, normallyUp, record, bytes);
    }

    private static ServiceStatus Failed(ServiceDirectoryHandle dir, StatusFailure failure, int errno, bool normallyUp = false) =>
        dir.BlamesDirectory(errno) ? Failed(dir.Path, StatusFailure.DirectoryUnavailable, errno) : Failed(dir.Path, failure, errno, normallyUp);

    private static ServiceStatus Failed(string path, StatusFailure failure, int errno, bool normallyUp = false) => new(path, failure, errno, normallyUp, default);
}
