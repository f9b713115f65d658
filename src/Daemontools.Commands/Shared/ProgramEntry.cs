namespace Daemontools.Commands.Shared;

/// <summary>
/// A program the binary answers to: its name (and link in bin/), its entry point, whether it is a
/// chain tool, and the usage check a run starts with when the count of arguments is all it checks.
/// </summary>
/// <param name="Name">The name, as argv[0]'s last component or `daemontools NAME`.</param>
/// <param name="Main">The entry point: the program's arguments and the chain it runs in.</param>
/// <param name="IsChainTool">It changes one thing about the process and becomes the next program (so a chain of them can run in one process).</param>
/// <param name="Usage">The usage line after the name, printed when fewer than <paramref name="MinimumArguments"/> arguments (or more than <paramref name="MaximumArguments"/>) are given; null when the program checks its own arguments.</param>
/// <param name="MinimumArguments">The fewest arguments it runs with.</param>
/// <param name="MaximumArguments">The most arguments it runs with.</param>
/// <param name="UsageExitCode">The exit code of the usage error (100 for most programs).</param>
internal sealed record ProgramEntry(
    string Name,
    Func<string[], Chain, int> Main,
    bool IsChainTool = false,
    string? Usage = null,
    int MinimumArguments = 0,
    int MaximumArguments = int.MaxValue,
    int UsageExitCode = 100)
{
    /// <summary>Checks the count of arguments against the usage, then runs the program; returns its exit code.</summary>
    public int Run(string[] args, Chain chain)
    {
        if (Usage is not null && (args.Length < MinimumArguments || args.Length > MaximumArguments))
        {
            throw Failure.Usage(Name, Usage, UsageExitCode);
        }
        return Main(args, chain);
    }
}
