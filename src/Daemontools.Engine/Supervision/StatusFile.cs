using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise's status writes, as 0.76's announce(): 18 bytes into supervise/status.new
/// (O_TRUNC|O_CREAT, 0644), then rename onto supervise/status, so readers never see a torn record.
/// A directory that uses the new files gets the <see cref="StatusExtension"/> in the same write.
/// Relative to the service directory (supervise's working directory).
/// </summary>
public static class StatusFile
{
    /// <summary>Writes <paramref name="record"/>; null on success, else the failed step.</summary>
    public static SupervisorWarning? Write(StatusRecord record, StatusExtension? extension = null)
    {
        Span<byte> buffer = stackalloc byte[StatusExtension.FileLength];
        record.Encode(buffer);
        extension?.Encode(buffer[StatusRecord.Length..]);
        Span<byte> bytes = extension is null ? buffer[..StatusRecord.Length] : buffer;
        int fd = FileSystem.Open(ServiceDirectory.NewStatusName, FileSystem.WriteOnly | FileSystem.NonBlocking | FileSystem.Truncate | FileSystem.Create | FileSystem.CloseOnExec, 0x1a4, out int errno);
        if (fd < 0) return new SupervisorWarning(SupervisorWarningKind.StatusOpen, errno);
        int written = FileSystem.WriteOnce(fd, bytes, out errno);
        Descriptor.Close(fd);
        if (written < 0) return new SupervisorWarning(SupervisorWarningKind.StatusWrite, errno);
        if (written < bytes.Length) return new SupervisorWarning(SupervisorWarningKind.StatusWrite, 0);
        errno = FileNative.Rename(ServiceDirectory.NewStatusName, ServiceDirectory.StatusName);
        return errno == 0 ? null : new SupervisorWarning(SupervisorWarningKind.StatusRename, errno);
    }
}
