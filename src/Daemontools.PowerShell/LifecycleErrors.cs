using System.Management.Automation;
using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>The error id and category of each lifecycle failure, in one place.</summary>
internal static class LifecycleErrors
{
    /// <summary>The stable id and category for <paramref name="failure"/>.</summary>
    public static (string Id, ErrorCategory Category) For(LifecycleFailure failure) => failure switch
    {
        LifecycleFailure.ServiceExists => ("ServiceExists", ErrorCategory.ResourceExists),
        LifecycleFailure.ServiceInUse => ("ServiceInUse", ErrorCategory.ResourceBusy),
        LifecycleFailure.NotAServiceDirectory => (SupervisionCmdlet.DirectoryNotFoundId, ErrorCategory.ObjectNotFound),
        LifecycleFailure.NameTaken => ("ScanNameTaken", ErrorCategory.ResourceExists),
        LifecycleFailure.NotEnabled => ("ServiceNotEnabled", ErrorCategory.ObjectNotFound),
        LifecycleFailure.ScanDirectoryNotFound => ("ScanDirectoryNotFound", ErrorCategory.ObjectNotFound),
        LifecycleFailure.AccountNotFound => ("AccountNotFound", ErrorCategory.ObjectNotFound),
        LifecycleFailure.TimedOut => (SupervisionCmdlet.WaitTimeoutId, ErrorCategory.OperationTimeout),
        _ => ("ServiceFileSystemError", ErrorCategory.WriteError),
    };
}
