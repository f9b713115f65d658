using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>
/// setlock for pwsh: runs a program holding an exclusive flock on a file (created 0600 if
/// missing). The program inherits the locked descriptor, so the lock lasts as long as it runs.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SetLock", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class InvokeSetLock : ProgramInvocationCmdlet
{
    /// <summary>The lock file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Fail at once when another process holds the lock (setlock -n) instead of waiting.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    protected override void EndProcessing()
    {
        string file = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(FilePath, $"Run holding the lock {file}")) return;
        LockFile held;
        try
        {
            // Close-on-exec here and handed to this child alone: a descriptor inheritable by every
            // spawn of the session would leak the lock into whatever another runspace starts meanwhile.
            held = LockFile.Acquire(file, wait: !NoWait, inheritable: false);
        }
        catch (LockFileException e)
        {
            if (e.IsHeldElsewhere) ThrowFailure(e, ErrorId.LockHeld, Path);
            else ThrowFailure(e, ErrorId.LockFileUnavailable, Path);
            return;
        }
        using (held)
        {
            Run(Launch(SessionEnvironment(), locks: [held]));
        }
    }
}
