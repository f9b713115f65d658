namespace Daemontools.Engine.Unix;

/// <summary>The permission bits the programs create files and directories with, named once.</summary>
public static class FileModes
{
    /// <summary>0600: locks' companions, FIFOs, journals; only the owner reads and writes.</summary>
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700: supervise/, a log directory, a service's env/.</summary>
    public const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    /// <summary>0644: status files, lock files, log files being written.</summary>
    public const UnixFileMode Readable = PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0755: run and finish scripts.</summary>
    public const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
