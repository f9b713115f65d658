using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>The module's words for a lifecycle operation that did not happen: what did not, where, and why.</summary>
internal static class LifecycleFailureText
{
    /// <summary>"The service directory '/etc/sv/web' exists already.", "Cannot enter '/etc/sv/web': Permission denied".</summary>
    public static string Describe(ServiceLifecycleException failure)
    {
        string path = failure.Path!;
        string? other = failure.Other;
        string why = failure.Errno.Description();
        ExpiredWait wait = failure.Wait;
        return failure.Step switch
        {
            LifecycleStep.CreateExisting => $"The service directory '{path}' exists already.",
            LifecycleStep.CreateRaced => $"The service directory '{path}' appeared while it was being created.",
            LifecycleStep.MoveIntoPlace => $"Cannot move the new service directory to '{path}': {why}",
            LifecycleStep.ReplaceSupervised => $"A supervise runs in '{path}'; disable the service before replacing it.",
            LifecycleStep.FindAccount => $"There is no account named '{path}'.",
            LifecycleStep.GiveToAccount => $"Cannot give '{path}' to {other}: {why}",
            LifecycleStep.DeleteMissing => $"'{path}' does not exist.",
            LifecycleStep.DeleteSupervised => $"A supervise still runs in '{path}'; stop it (svc -dx) or disable the service where it is enabled first.",
            LifecycleStep.RenameBeforeDelete => $"Cannot rename '{path}' before deleting it: {why}",
            LifecycleStep.TakeOutNameTaken => $"Cannot move '{other}' out of the scan directory: '{path}' exists.",
            LifecycleStep.TakeOut => $"Cannot move '{path}' out of the scan directory: {why}",
            LifecycleStep.NotADirectory => $"'{path}' is not a directory.",
            LifecycleStep.Enter => $"Cannot enter '{path}': {why}",
            LifecycleStep.Control => $"Cannot control '{path}': {why}",
            LifecycleStep.SuperviseTimedOut =>
                $"The supervise of '{path}' was told to stop and exit but was still running after {wait.Waited.TotalSeconds:0.###} seconds" +
                (wait.ProcessId != 0 ? $": ./run (pid {wait.ProcessId}) has not exited" : string.Empty) + "; it exits once ./run does.",
            LifecycleStep.DrainTimedOut =>
                $"The logger of '{path}' (pid {wait.ProcessId}) still had {wait.Unread} bytes to read after {wait.Waited.TotalSeconds:0.###} seconds; it was left running.",
            LifecycleStep.NoRunFile => $"'{path}' is not a service directory: it has no run file.",
            LifecycleStep.LinkRaced => $"'{path}' appeared while enabling '{other}'.",
            LifecycleStep.LinkTaken => $"'{path}' exists already and is not '{other}'.",
            LifecycleStep.FindScanDirectory => $"The scan directory '{path}' does not exist.",
            LifecycleStep.FindEnabled => $"'{path}' is not enabled in '{other}'.",
            _ => failure.InnerException?.Message ?? failure.Message,
        };
    }
}
