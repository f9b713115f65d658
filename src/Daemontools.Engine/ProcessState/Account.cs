using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>A user account as NSS knows it (getpwnam): what setuidgid and envuidgid switch to.</summary>
public sealed record Account(string Name, uint UserId, uint GroupId, string Home, string Shell)
{
    /// <summary>The account named <paramref name="name"/>, or null when there is none (or NSS cannot say).</summary>
    public static Account? Find(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal)) return null;
        PasswdEntry? entry = AccountDatabase.FindByName(name);
        return entry is { } e ? new Account(e.Name, e.Uid, e.Gid, e.Home, e.Shell) : null;
    }

    /// <summary>Every account NSS can list.</summary>
    public static IReadOnlyList<Account> All() =>
        AccountDatabase.All().ConvertAll(e => new Account(e.Name, e.Uid, e.Gid, e.Home, e.Shell));

    /// <summary>Every group the account is in (getgrouplist), its primary group first.</summary>
    public uint[] GetGroupIds() => AccountDatabase.GroupList(Name, GroupId);
}
