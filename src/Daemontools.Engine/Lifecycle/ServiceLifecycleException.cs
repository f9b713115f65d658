using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// A lifecycle operation that did not happen: its <see cref="LifecycleStep"/>, the path concerned,
/// the step's other subjects and, when a call failed, errno. The faces word it.
/// </summary>
public sealed class ServiceLifecycleException : SystemFailureException<LifecycleStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> on <paramref name="path"/> (<paramref name="other"/>: the second path or account the step names).</summary>
    public ServiceLifecycleException(LifecycleStep step, string path, Errno errno = Errno.None, string? other = null, Exception? inner = null)
        : base(step, path, errno, inner)
    {
        Other = other;
    }

    /// <summary>Creates the failure of a wait on <paramref name="path"/> that ran out.</summary>
    public ServiceLifecycleException(LifecycleStep step, string path, ExpiredWait wait)
        : base(step, path, Errno.None, null)
    {
        Wait = wait;
    }

    /// <summary>The second path or the account the step names; null when it names none.</summary>
    public string? Other { get; }

    /// <summary>The wait that ran out (<see cref="LifecycleStep.SuperviseTimedOut"/>, <see cref="LifecycleStep.DrainTimedOut"/>).</summary>
    public ExpiredWait Wait { get; }

    /// <summary>What went wrong, of the kinds a cmdlet gives one error id each.</summary>
    public LifecycleFailure Failure => Step switch
    {
        LifecycleStep.CreateExisting or LifecycleStep.CreateRaced => LifecycleFailure.ServiceExists,
        LifecycleStep.ReplaceSupervised or LifecycleStep.DeleteSupervised => LifecycleFailure.ServiceInUse,
        LifecycleStep.DeleteMissing or LifecycleStep.NotADirectory or LifecycleStep.Enter or LifecycleStep.NoRunFile => LifecycleFailure.NotAServiceDirectory,
        LifecycleStep.TakeOutNameTaken or LifecycleStep.LinkRaced or LifecycleStep.LinkTaken => LifecycleFailure.NameTaken,
        LifecycleStep.FindEnabled => LifecycleFailure.NotEnabled,
        LifecycleStep.FindScanDirectory => LifecycleFailure.ScanDirectoryNotFound,
        LifecycleStep.FindAccount => LifecycleFailure.AccountNotFound,
        LifecycleStep.SuperviseTimedOut or LifecycleStep.DrainTimedOut => LifecycleFailure.TimedOut,
        _ => LifecycleFailure.FileSystem,
    };
}
