using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>setuidgid account child: becomes the account (groups, gid, uid), then runs child; runs nothing if any step fails.</summary>
internal static class SetuidgidCommand
{
    public const string Name = "setuidgid";

    public static int Run(string[] args, Chain chain)
    {
        Account account = Account.Find(args[0]) ?? throw Failure.Fatal(Name, $"unknown account {args[0]}");
        try
        {
            AccountSwitch.Become(account);
        }
        catch (AccountSwitchException e)
        {
            throw Failure.Fatal(Name, e.Step == AccountSwitchStep.SetGroup ? "unable to setgid" : "unable to setuid", errno: e.Errno);
        }
        return chain.Run(Name, args[1..]);
    }
}
