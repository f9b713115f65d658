using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>
/// setuidgid for pwsh: runs a program as an account (supplementary groups set to the account's
/// primary group, then gid, then uid, as setuidgid does; the session keeps its own ids). With
/// -UseEnvUidGid it runs the program unchanged with UID and GID set, as envuidgid does.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SetUidGid", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class InvokeSetUidGid : ProgramInvocationCmdlet
{
    /// <summary>The account name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Account")]
    public string User { get; set; } = string.Empty;

    /// <summary>Do not switch: set UID and GID in the program's environment (envuidgid).</summary>
    [Parameter]
    public SwitchParameter UseEnvUidGid { get; set; }

    /// <summary>Give the program all of the account's groups, not just its primary group.</summary>
    [Parameter]
    public SwitchParameter AllGroups { get; set; }

    protected override void EndProcessing()
    {
        Account? account = Account.Find(User);
        if (account is null)
        {
            ThrowFailure(new ItemNotFoundException($"unknown account {User}"), ErrorId.AccountNotFound, User);
            return;
        }
        EnvironmentBlock environment = SessionEnvironment();
        if (UseEnvUidGid)
        {
            environment.SetIds(account);
            if (ShouldProcess(FilePath, $"Run with UID={account.UserId} GID={account.GroupId}")) Run(Launch(environment));
            return;
        }
        if (!AccountSwitch.IsPrivileged)
        {
            ThrowFailure(new UnauthorizedAccessException("Running a program as another account requires root."), ErrorId.RequiresRoot, User);
            return;
        }
        if (ShouldProcess(FilePath, $"Run as {account.Name} (uid {account.UserId}, gid {account.GroupId})")) Run(Launch(environment, account, AllGroups));
    }
}
