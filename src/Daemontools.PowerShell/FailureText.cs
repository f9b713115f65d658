using System.Text;
using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// The module's words for an engine failure, which reports only its step, path and errno:
/// "unable to acquire lock DIR/supervise/lock: Resource temporarily unavailable" (the step, split
/// into words, as the programs' fatal messages read), with strerror's text for errno.
/// </summary>
internal static class FailureText
{
    /// <summary>The message an error record shows for <paramref name="failure"/>.</summary>
    public static string Describe(SystemFailureException failure) => failure switch
    {
        ServiceLifecycleException lifecycle => LifecycleFailureText.Describe(lifecycle),
        ScannerStartException { Step: ScannerStartStep.ScannerEnded } ended =>
            $"unable to await scanner {ended.Directory}: svscan ended without taking the directory's lock{How(ended.EndedWith)}",
        ScannerStartException { Step: ScannerStartStep.ScannerTimedOut } late =>
            $"unable to await scanner {late.Directory}: svscan did not take the directory's lock in time",
        AccountSwitchException account => Generic(failure, $"account {account.Account}"),
        ResourceLimitException limit => Generic(failure, limit.Resource.ToString()),
        _ => Generic(failure, null),
    };

    private static string How(WaitStatus? status) =>
        status is not { } s ? string.Empty : s.Exited ? $" (exit code {s.ExitCode})" : $" (signal {(int)s.Signal})";

    private static string Generic(SystemFailureException failure, string? detail)
    {
        var text = new StringBuilder("unable to ");
        foreach (char c in failure.FailedStep.ToString())
        {
            if (char.IsUpper(c) && text.Length > "unable to ".Length) text.Append(' ');
            text.Append(char.ToLowerInvariant(c));
        }
        if (failure.Path is not null) text.Append(' ').Append(failure.Path);
        if (detail is not null) text.Append(": ").Append(detail);
        if (failure.Errno != Errno.None) text.Append(": ").Append(failure.Errno.Description());
        return text.ToString();
    }
}
