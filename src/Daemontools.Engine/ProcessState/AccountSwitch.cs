using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

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
        Errno errno = Credentials.SetGroups(groups);
        if (errno == Errno.None) errno = Credentials.SetGroupId(account.GroupId);
        if (errno != Errno.None) throw new AccountSwitchException(AccountSwitchStep.SetGroup, account.Name, errno);
        errno = Credentials.SetUserId(account.UserId);
        if (errno != Errno.None) throw new AccountSwitchException(AccountSwitchStep.SetUser, account.Name, errno);
    }

    /// <summary>True when this process runs as root (and so may switch accounts).</summary>
    public static bool IsPrivileged => Credentials.EffectiveUserId == 0;
}
