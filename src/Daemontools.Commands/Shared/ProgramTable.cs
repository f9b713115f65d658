namespace Daemontools.Commands.Shared;

/// <summary>
/// The one list of programs: it drives dispatch, the chain (which tools run in-process) and the
/// usage line; the project's ProgramName items, which make the links in bin/, must list the same
/// names (a test checks).
/// </summary>
internal static class ProgramTable
{
    /// <summary>The binary's own name: `daemontools program args...`.</summary>
    public const string MultiCallName = "daemontools";

    /// <summary>Every program, in the order the usage line shows them.</summary>
    public static readonly IReadOnlyList<ProgramEntry> All =
    [
        new("tai64n", (args, _) => Tai64nCommand.Run(args), IsChainTool: false),
        new("tai64nlocal", (args, _) => Tai64nlocalCommand.Run(args), IsChainTool: false),
        new("supervise", (args, _) => SuperviseCommand.Run(args), IsChainTool: false),
        new("svc", (args, _) => SvcCommand.Run(args), IsChainTool: false),
        new("svok", (args, _) => SvokCommand.Run(args), IsChainTool: false),
        new("svstat", (args, _) => SvstatCommand.Run(args), IsChainTool: false),
        new("svwait", (args, _) => SvwaitCommand.Run(args), IsChainTool: false),
        new("multilog", (args, _) => MultilogCommand.Run(args), IsChainTool: false),
        new("envdir", EnvdirCommand.Run, IsChainTool: true),
        new("envuidgid", EnvuidgidCommand.Run, IsChainTool: true),
        new("setuidgid", SetuidgidCommand.Run, IsChainTool: true),
        new("softlimit", SoftlimitCommand.Run, IsChainTool: true),
        new("setlock", SetlockCommand.Run, IsChainTool: true),
        new("pgrphack", PgrphackCommand.Run, IsChainTool: true),
        new("fghack", FghackCommand.Run, IsChainTool: true),
        new("svscan", (args, _) => SvscanCommand.Run(args), IsChainTool: false),
        new("readproctitle", (args, _) => ReadproctitleCommand.Run(args), IsChainTool: false),
    ];

    /// <summary>supervise's lock-fd waiter: answered to, but no program of its own (no link, not in the usage line).</summary>
    private static readonly ProgramEntry Lockwait = new(LockwaitCommand.Name, LockwaitCommand.Run, IsChainTool: false);

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
