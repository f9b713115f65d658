using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>The process could not take on an account's ids; nothing further may run.</summary>
public sealed class AccountSwitchException : SystemFailureException<AccountSwitchStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> for <paramref name="account"/>.</summary>
    public AccountSwitchException(AccountSwitchStep step, string account, Errno errno)
        : base(step, null, errno)
    {
        Account = account;
    }

    /// <summary>The account whose ids could not be taken on.</summary>
    public string Account { get; }
}
