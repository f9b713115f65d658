namespace Daemontools.Commands.Shared;

/// <summary>
/// The one list of programs: it drives dispatch, the chain (which tools run in-process), the usage
/// checks, the usage line, and the links in bin/ (the build asks the binary for its usage line).
/// </summary>
internal static class ProgramTable
{
    /// <summary>The binary's own name: `daemontools program args...`.</summary>
    public const string MultiCallName = "daemontools";

    /// <summary>Every program, in the order the usage line shows them.</summary>
    public static readonly IReadOnlyList<ProgramEntry> All =
    [
        // tai64n and tai64nlocal ignore their arguments, as the originals.
        new("tai64n", (_, _) => Tai64nCommand.Run()),
        new("tai64nlocal", (_, _) => Tai64nlocalCommand.Run()),
        new(SuperviseCommand.Name, (args, _) => SuperviseCommand.Run(args[0]), Usage: "dir", MinimumArguments: 1, MaximumArguments: 1),
        new(SvcCommand.Name, (args, _) => SvcCommand.Run(args)),
        // 0.76's svok looks at the first argument only and ignores the rest.
        new(SvokCommand.Name, (args, _) => SvokCommand.Run(args[0]), Usage: "dir", MinimumArguments: 1),
        new(SvstatCommand.Name, (args, _) => SvstatCommand.Run(args)),
        new(SvwaitCommand.Name, (args, _) => SvwaitCommand.Run(args)),
        new(MultilogCommand.Name, (args, _) => MultilogCommand.Run(args)),
        // The original envdir's usage error exits 111, not 100.
        new(EnvdirCommand.Name, EnvdirCommand.Run, IsChainTool: true, Usage: "dir child", MinimumArguments: 2, UsageExitCode: 111),
        new(EnvuidgidCommand.Name, EnvuidgidCommand.Run, IsChainTool: true, Usage: "account child", MinimumArguments: 2),
        new(SetuidgidCommand.Name, SetuidgidCommand.Run, IsChainTool: true, Usage: "account child", MinimumArguments: 2),
        new(SoftlimitCommand.Name, SoftlimitCommand.Run, IsChainTool: true),
        new(SetlockCommand.Name, SetlockCommand.Run, IsChainTool: true),
        new(PgrphackCommand.Name, PgrphackCommand.Run, IsChainTool: true, Usage: "child", MinimumArguments: 1),
        new(FghackCommand.Name, FghackCommand.Run, IsChainTool: true, Usage: "child", MinimumArguments: 1),
        new(SvscanCommand.Name, (args, _) => SvscanCommand.Run(args)),
        new("readproctitle", (args, _) => ReadproctitleCommand.Run(args)),
    ];

    /// <summary>supervise's lock-fd waiter: answered to, but no program of its own (no link, not in the usage line).</summary>
    private static readonly ProgramEntry Lockwait = new(LockwaitCommand.Name, LockwaitCommand.Run);

    /// <summary>The program <paramref name="name"/> names, or null.</summary>
    public static ProgramEntry? Find(string name)
    {
        if (name == Lockwait.Name) return Lockwait;
        foreach (ProgramEntry entry in All)
        {
            if (entry.Name == name) return entry;
        }
        return null;
    }

    /// <summary>
    /// The program an argv runs and its arguments: argv[0]'s last component, or for
    /// `daemontools NAME args...` the name after it. Null when it names none of ours.
    /// </summary>
    public static (ProgramEntry Program, string[] Arguments)? Resolve(string[] argv)
    {
        string name = Path.GetFileName(argv[0]);
        if (Find(name) is ProgramEntry direct) return (direct, argv[1..]);
        if (name == MultiCallName && argv.Length > 1 && Find(argv[1]) is ProgramEntry named) return (named, argv[2..]);
        return null;
    }
}
