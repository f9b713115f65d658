namespace Daemontools.Commands.Shared;

/// <summary>A program the binary answers to: its name (and link in bin/), its entry point, and whether it is a chain tool.</summary>
/// <param name="Name">The name, as argv[0]'s last component or `daemontools NAME`.</param>
/// <param name="Run">The entry point: the program's arguments and the chain it runs in.</param>
/// <param name="IsChainTool">It changes one thing about the process and becomes the next program (so a chain of them can run in one process).</param>
internal sealed record ProgramEntry(string Name, Func<string[], Chain, int> Run, bool IsChainTool);
