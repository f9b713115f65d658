using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>envuidgid account child: sets GID and UID to the account's numeric ids, then runs child.</summary>
internal static class EnvuidgidCommand
{
    public const string Name = "envuidgid";

    public static int Run(string[] args, Chain chain)
    {
        Account account = Account.Find(args[0]) ?? throw Failure.Fatal(Name, $"unknown account {args[0]}");
        EnvironmentBlock next = chain.Environment.Clone();
        next.SetIds(account);
        return chain.Run(Name, args[1..], next);
    }
}
