using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands.Shared;

/// <summary>
/// How a chain tool (envdir, setuidgid, softlimit, ...) becomes the next program. Like the
/// original it searches PATH (pathexec_run) and execve()s, keeping pid and descriptors. When the
/// next program is another chain tool in this very binary, it runs here instead, with what an exec
/// would have given it (environment, ids, limits, locks, descriptors, the same permission check),
/// and only the final program is exec'd, so its argv is what ps shows. One chain per process.
/// </summary>
internal sealed class Chain
{
    private readonly List<(ResourceLimit Resource, ulong? Value)> _deferredLimits = [];
    private EnvironmentBlock? _environment;

    /// <summary>The environment this program image has: environ, or what the previous tool in the chain passed on.</summary>
    public EnvironmentBlock Environment => _environment ??= EnvironmentBlock.FromProcess();

    /// <summary>
    /// Memory limits (data, stack, address space) take effect at the final exec rather than at
    /// once: they bound the next program, and would only starve the runtime running the rest of
    /// the chain here. Applied in order, with the same clamping, before the exec.
    /// </summary>
    public static bool Defers(ResourceLimit resource) =>
        resource is ResourceLimit.Data or ResourceLimit.Stack or ResourceLimit.AddressSpace;

    /// <summary>Records a limit for the final exec.</summary>
    public void Defer(ResourceLimit resource, ulong? value) => _deferredLimits.Add((resource, value));

    /// <summary>
    /// Becomes <paramref name="argv"/>[0] with <paramref name="next"/> as its environment (the
    /// current one when null); the program is searched along PATH as this program received it.
    /// Returns only when the next program ran in this process (its exit code); throws
    /// "prog: fatal: unable to run X: ..." when no candidate could be executed.
    /// </summary>
    public int Run(string program, string[] argv, EnvironmentBlock? next = null)
    {
        string? searchPath = Environment.Get("PATH");
        next ??= Environment;
        (ProgramEntry Program, string[] Arguments)? tool = ProgramTable.Resolve(argv) is { Program.IsChainTool: true } found ? found : null;
        ProgramExec? exec = null;
        try
        {
            var search = new ProgramSearch(argv[0], searchPath);
            while (search.Next(out string candidate))
            {
                if (tool is { } inProcess && ProgramExec.IsThisProgram(candidate))
                {
                    _environment = next;
                    return inProcess.Program.Run(inProcess.Arguments, this);
                }
                if (exec is null)
                {
                    exec = new ProgramExec(argv, next);
                    ApplyDeferredLimits();
                }
                search.Failed(exec.TryExecute(candidate));
            }
            throw Failure.Fatal(program, $"unable to run {argv[0]}", errno: search.Errno);
        }
        finally
        {
            exec?.Dispose();
        }
    }

    /// <summary>Applies the deferred memory limits now (before the final exec, or before fghack starts its child).</summary>
    public void ApplyDeferredLimits()
    {
        foreach ((ResourceLimit resource, ulong? value) in _deferredLimits)
        {
            try
            {
                ResourceLimits.SetSoft(resource, value);
            }
            catch (ResourceLimitException e)
            {
                throw Failure.Fatal("softlimit", e.Step == ResourceLimitStep.GetLimit ? "getrlimit failed" : "setrlimit failed", errno: e.Errno);
            }
        }
        _deferredLimits.Clear();
    }
}
