using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Starts ./run as 0.76 does (no arguments, supervise's environment and descriptors, no new
/// session), through posix_spawn: default signal handlers and an empty mask in the child.
/// </summary>
public sealed class RunScript : IServiceRunner
{
    private static readonly SpawnRequest Request = new("./run", ["./run"]);

    /// <inheritdoc />
    public int Start(out int errno) => Spawner.TrySpawn(Request, out errno);

    /// <inheritdoc />
    public void Signal(int pid, int signal) => ProcessSignals.Send(pid, signal);
}
