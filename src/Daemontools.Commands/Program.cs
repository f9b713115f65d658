using Daemontools.Commands.Shared;
using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>
/// The multi-call entry point: the program is named by the basename of argv[0]
/// (a link such as bin/svc), or by the first argument of `daemontools program args...`.
/// </summary>
internal static class Program
{
    private const string MultiCallName = "daemontools";

    public static int Main(string[] args)
    {
        CurrentProcess.RestoreDefaultPipeSignal();
        string name = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        if (!IsProgram(name))
        {
            if (args.Length == 0 || !IsProgram(args[0]))
            {
                Diagnostics.Write($"{MultiCallName}: usage: {MultiCallName} program [ arg ... ]\nprograms: {string.Join(' ', Names)}\n");
                return 100;
            }
            name = args[0];
            args = args[1..];
        }
        try
        {
            return Dispatch(name, args);
        }
        catch (Failure failure)
        {
            Diagnostics.Write(failure.Message);
            return failure.ExitCode;
        }
    }

    /// <summary>Every program this binary answers to; each has a link in bin/.</summary>
    internal static readonly string[] Names =
    [
        "tai64n",
        "tai64nlocal",
        "supervise",
        "svc",
        "svok",
        "svstat",
        "multilog",
        "envdir",
        "envuidgid",
        "setuidgid",
        "softlimit",
        "setlock",
        "pgrphack",
        "fghack",
        "svscan",
        "readproctitle",
    ];

    private static bool IsProgram(string name) => Array.IndexOf(Names, name) >= 0;

    private static int Dispatch(string name, string[] args) => name switch
    {
        "tai64n" => Tai64nCommand.Run(args),
        "tai64nlocal" => Tai64nlocalCommand.Run(args),
        "supervise" => SuperviseCommand.Run(args),
        "svc" => SvcCommand.Run(args),
        "svok" => SvokCommand.Run(args),
        "svstat" => SvstatCommand.Run(args),
        "multilog" => MultilogCommand.Run(args),
        "envdir" => EnvdirCommand.Run(args),
        "envuidgid" => EnvuidgidCommand.Run(args),
        "setuidgid" => SetuidgidCommand.Run(args),
        "softlimit" => SoftlimitCommand.Run(args),
        "setlock" => SetlockCommand.Run(args),
        "pgrphack" => PgrphackCommand.Run(args),
        "fghack" => FghackCommand.Run(args),
        "svscan" => SvscanCommand.Run(args),
        "readproctitle" => ReadproctitleCommand.Run(args),
        _ => 100,
    };

    /// <summary>The chain tools: they change one thing about the process and become the next program.</summary>
    private static readonly string[] ChainTools = ["envdir", "envuidgid", "setuidgid", "softlimit", "setlock", "pgrphack", "fghack"];

    /// <summary>True when <paramref name="argv"/> names a chain tool of this binary (directly or as `daemontools tool ...`).</summary>
    internal static bool IsChainTool(string[] argv)
    {
        string name = Path.GetFileName(argv[0]);
        if (name == MultiCallName && argv.Length > 1) name = argv[1];
        return Array.IndexOf(ChainTools, name) >= 0;
    }

    /// <summary>Runs a chain tool in this process, as exec'ing this binary with <paramref name="argv"/> would have.</summary>
    internal static int RunInProcess(string[] argv)
    {
        string name = Path.GetFileName(argv[0]);
        return name == MultiCallName ? Dispatch(argv[1], argv[2..]) : Dispatch(name, argv[1..]);
    }
}
