using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// Drops this process to an account, as setuidgid does: setgroups, setgid, then setuid, in that
/// order, stopping at the first failure (the caller must then run nothing: fail closed).
/// </summary>
public static class AccountSwitch
{
    /// <summary>
    /// Becomes <paramref name="account"/>. The supplementary groups become just the primary group
    /// (daemontools 0.76), or every group of the account with <paramref name="allGroups"/>.
    /// Throws <see cref="AccountSwitchException"/>.
    /// </summary>
    public static void Become(Account account, bool allGroups = false)
    {
        uint[] groups = allGroups ? account.GetGroupIds() : [account.GroupId];
        int errno = Credentials.SetGroups(groups);
        if (errno == 0) errno = Credentials.SetGroupId(account.GroupId);
        if (errno != 0) throw new AccountSwitchException(AccountSwitchStep.Group, errno);
        errno = Credentials.SetUserId(account.UserId);
        if (errno != 0) throw new AccountSwitchException(AccountSwitchStep.User, errno);
    }

    /// <summary>True when this process runs as root (and so may switch accounts).</summary>
    public static bool IsPrivileged => Credentials.EffectiveUserId == 0;
}
