using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>A stable error id (the first part of FullyQualifiedErrorId) and the category it is always written with.</summary>
public sealed record ErrorId(string Name, ErrorCategory Category)
{
    /// <summary>A path names no service directory (or one that cannot be entered).</summary>
    public static readonly ErrorId ServiceDirectoryNotFound = new("ServiceDirectoryNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>A literal name is no service of the scan directory.</summary>
    public static readonly ErrorId ServiceNotFound = new("ServiceNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>Neither -Name nor -Path was given.</summary>
    public static readonly ErrorId ServiceNotGiven = new("ServiceNotGiven", ErrorCategory.InvalidArgument);

    /// <summary>No supervise is running on the service.</summary>
    public static readonly ErrorId SuperviseNotRunning = new("SuperviseNotRunning", ErrorCategory.ResourceUnavailable);

    /// <summary>supervise/down, supervise/ok or supervise/status could not be read.</summary>
    public static readonly ErrorId StatusUnreadable = new("StatusUnreadable", ErrorCategory.ReadError);

    /// <summary>supervise/ok could not be probed.</summary>
    public static readonly ErrorId SuperviseProbeFailed = new("SuperviseProbeFailed", ErrorCategory.ReadError);

    /// <summary>Invoke-Svc was given nothing to send.</summary>
    public static readonly ErrorId NoSvcCommand = new("NoSvcCommand", ErrorCategory.InvalidArgument);

    /// <summary>Wait-SvStat was given neither -State nor -Ready.</summary>
    public static readonly ErrorId NoSvState = new("NoSvState", ErrorCategory.InvalidArgument);

    /// <summary>Invoke-Svc was given both switches and -Command.</summary>
    public static readonly ErrorId SvcCommandConflict = new("SvcCommandConflict", ErrorCategory.InvalidArgument);

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

    /// <summary>A program of the module's bin/ is missing, not the module's own binary, or not executable (a read-only install the import could not complete).</summary>
    public static readonly ErrorId ModuleProgramUnavailable = new("ModuleProgramUnavailable", ErrorCategory.ResourceUnavailable);

    /// <summary>An svscan already scans the directory.</summary>
    public static readonly ErrorId SvScanAlreadyRunning = new("SvScanAlreadyRunning", ErrorCategory.ResourceExists);

    /// <summary>svscan could not be started.</summary>
    public static readonly ErrorId SvScanStartFailed = new("SvScanStartFailed", ErrorCategory.InvalidResult);

    /// <summary>No svscan scans the directory.</summary>
    public static readonly ErrorId SvScanNotRunning = new("SvScanNotRunning", ErrorCategory.ObjectNotFound);

    /// <summary>An svscan holds the directory's lock but its pid cannot be read.</summary>
    public static readonly ErrorId SvScanPidUnknown = new("SvScanPidUnknown", ErrorCategory.InvalidData);

    /// <summary>A service of that name exists already.</summary>
    public static readonly ErrorId ServiceExists = new("ServiceExists", ErrorCategory.ResourceExists);

    /// <summary>The service is still supervised.</summary>
    public static readonly ErrorId ServiceInUse = new("ServiceInUse", ErrorCategory.ResourceBusy);

    /// <summary>The scan directory has an entry of that name that is not this service.</summary>
    public static readonly ErrorId ScanNameTaken = new("ScanNameTaken", ErrorCategory.ResourceExists);

    /// <summary>The service is not enabled in the scan directory.</summary>
    public static readonly ErrorId ServiceNotEnabled = new("ServiceNotEnabled", ErrorCategory.ObjectNotFound);

    /// <summary>The scan directory does not exist or cannot be read.</summary>
    public static readonly ErrorId ScanDirectoryNotFound = new("ScanDirectoryNotFound", ErrorCategory.ObjectNotFound);

    /// <summary>A file of a service could not be written.</summary>
    public static readonly ErrorId ServiceFileSystemError = new("ServiceFileSystemError", ErrorCategory.WriteError);

    /// <summary>A logger was named alone where only its service can be.</summary>
    public static readonly ErrorId LoggerNotDisabledAlone = new("LoggerNotDisabledAlone", ErrorCategory.InvalidArgument);

    /// <summary>A service name that cannot be one (empty, a path, a dot name).</summary>
    public static readonly ErrorId InvalidServiceName = new("InvalidServiceName", ErrorCategory.InvalidArgument);

    /// <summary>New-SvService was given -Wait without -Enable: nothing would run the service to wait for.</summary>
    public static readonly ErrorId WaitWithoutEnable = new("WaitWithoutEnable", ErrorCategory.InvalidArgument);

    /// <summary>A service definition that cannot be laid out.</summary>
    public static readonly ErrorId InvalidServiceDefinition = new("InvalidServiceDefinition", ErrorCategory.InvalidArgument);

    /// <summary>The id of each lifecycle failure.</summary>
    public static ErrorId For(LifecycleFailure failure) => failure switch
    {
        LifecycleFailure.ServiceExists => ServiceExists,
        LifecycleFailure.ServiceInUse => ServiceInUse,
        LifecycleFailure.NotAServiceDirectory => ServiceDirectoryNotFound,
        LifecycleFailure.NameTaken => ScanNameTaken,
        LifecycleFailure.NotEnabled => ServiceNotEnabled,
        LifecycleFailure.ScanDirectoryNotFound => ScanDirectoryNotFound,
        LifecycleFailure.AccountNotFound => AccountNotFound,
        LifecycleFailure.TimedOut => SvWaitTimeout,
        _ => ServiceFileSystemError,
    };
}
