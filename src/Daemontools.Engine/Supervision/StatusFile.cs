using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise's status writes, as 0.76's announce(): 18 bytes into supervise/status.new
/// (O_TRUNC|O_CREAT, 0644), then rename onto supervise/status, so readers never see a torn record.
/// A directory that uses the new files gets the <see cref="StatusExtension"/> in the same write.
/// Relative to the service directory (supervise's working directory).
/// </summary>
public static class StatusFile
{
    /// <summary>Writes <paramref name="record"/> (and <paramref name="extension"/>); null on success, else the failed step.</summary>
    public static SupervisorWarning? Write(StatusRecord record, StatusExtension? extension = null)
    {
        Span<byte> buffer = stackalloc byte[StatusExtension.FileLength];
        record.Encode(buffer);
        extension?.Encode(buffer[StatusRecord.Length..]);
        Span<byte> bytes = extension is null ? buffer[..StatusRecord.Length] : buffer;
        Errno errno = FileSystem.OpenTruncate(ServiceDirectory.NewStatusName, out Descriptor fd);
        if (errno != Errno.None) return new SupervisorWarning(SupervisorWarningKind.StatusOpen, errno);
        errno = fd.Write(bytes, out int written);
        fd.Close();
        if (errno != Errno.None) return new SupervisorWarning(SupervisorWarningKind.StatusWrite, errno);
        if (written < bytes.Length) return new SupervisorWarning(SupervisorWarningKind.StatusWrite, Errno.None);
        errno = FileSystem.Rename(ServiceDirectory.NewStatusName, ServiceDirectory.StatusName);
        return errno == Errno.None ? null : new SupervisorWarning(SupervisorWarningKind.StatusRename, errno);
    }
}
