using System.Management.Automation;

namespace Daemontools.PowerShell;

/// <summary>A stable error id (the first part of FullyQualifiedErrorId) and the category it is always written with.</summary>
public sealed record ErrorId(string Name, ErrorCategory Category)
{
    /// <summary>A path names no service directory (or one that cannot be entered).</summary>
    public static readonly ErrorId ServiceDirectoryNotFound = new("ServiceDirectoryNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>No supervise is running on the service.</summary>
    public static readonly ErrorId SuperviseNotRunning = new("SuperviseNotRunning", ErrorCategory.ResourceUnavailable);

    /// <summary>supervise/down, supervise/ok or supervise/status could not be read.</summary>
    public static readonly ErrorId StatusUnreadable = new("StatusUnreadable", ErrorCategory.ReadError);

    /// <summary>supervise/ok could not be probed.</summary>
    public static readonly ErrorId SuperviseProbeFailed = new("SuperviseProbeFailed", ErrorCategory.ReadError);

    /// <summary>Invoke-Svc was given nothing to send.</summary>
    public static readonly ErrorId NoSvcCommand = new("NoSvcCommand", ErrorCategory.InvalidArgument);

    /// <summary>The control bytes could not be written.</summary>
    public static readonly ErrorId SvcFailed = new("SvcFailed", ErrorCategory.WriteError);

    /// <summary>A wait for a state ran out of time.</summary>
    public static readonly ErrorId SvWaitTimeout = new("SvWaitTimeout", ErrorCategory.OperationTimeout);

    /// <summary>An env directory could not be read.</summary>
    public static readonly ErrorId EnvDirectoryUnreadable = new("EnvDirectoryUnreadable", ErrorCategory.ReadError);

    /// <summary>No such account.</summary>
    public static readonly ErrorId AccountNotFound = new("AccountNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>Running as another account needs root.</summary>
    public static readonly ErrorId RequiresRoot = new("RequiresRoot", ErrorCategory.PermissionDenied);

    /// <summary>The account's ids could not be taken on for the child.</summary>
    public static readonly ErrorId AccountSwitchFailed = new("AccountSwitchFailed", ErrorCategory.InvalidOperation);

    /// <summary>The program could not be started.</summary>
    public static readonly ErrorId ProgramStartFailed = new("ProgramStartFailed", ErrorCategory.InvalidOperation);

    /// <summary>The program (or the module's svscan) was not found.</summary>
    public static readonly ErrorId ProgramNotFound = new("ProgramNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>Another process holds the lock.</summary>
    public static readonly ErrorId LockHeld = new("LockHeld", ErrorCategory.ResourceUnavailable);

    /// <summary>The lock file could not be opened or locked.</summary>
    public static readonly ErrorId LockFileUnavailable = new("LockFileUnavailable", ErrorCategory.OpenError);

    /// <summary>Another logger holds the log directory.</summary>
    public static readonly ErrorId LogDirectoryLocked = new("LogDirectoryLocked", ErrorCategory.ResourceBusy);

    /// <summary>The log directory could not be opened, locked or recovered.</summary>
    public static readonly ErrorId LogDirectoryUnavailable = new("LogDirectoryUnavailable", ErrorCategory.OpenError);

    /// <summary>A path names no log directory.</summary>
    public static readonly ErrorId LogDirectoryNotFound = new("LogDirectoryNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>A log file could not be read.</summary>
    public static readonly ErrorId LogFileUnreadable = new("LogFileUnreadable", ErrorCategory.ReadError);

    /// <summary>A log file may not be read.</summary>
    public static readonly ErrorId LogFileForbidden = new("LogFileUnreadable", ErrorCategory.PermissionDenied);

    /// <summary>An svscan already scans the directory.</summary>
    public static readonly ErrorId SvScanAlreadyRunning = new("SvScanAlreadyRunning", ErrorCategory.ResourceExists);

    /// <summary>svscan could not be started.</summary>
    public static readonly ErrorId SvScanStartFailed = new("SvScanStartFailed", ErrorCategory.InvalidResult);

    /// <summary>No svscan scans the directory.</summary>
    public static readonly ErrorId SvScanNotRunning = new("SvScanNotRunning", ErrorCategory.ObjectNotFound);

    /// <summary>An svscan holds the directory's lock but its pid cannot be read.</summary>
    public static readonly ErrorId SvScanPidUnknown = new("SvScanPidUnknown", ErrorCategory.InvalidData);
}
