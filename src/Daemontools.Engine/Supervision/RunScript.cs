using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Starts ./run as 0.76 does (no arguments, supervise's environment and descriptors, no new
/// session), through posix_spawn: default signal handlers and an empty mask in the child.
/// </summary>
public sealed class RunScript : IServiceRunner
{
    private static readonly SpawnRequest Request = new("./run", ["./run"]);

    /// <inheritdoc />
    public StartResult Start()
    {
        SpawnResult started = Spawner.Spawn(Request);
        return new StartResult(started.Started ? started.Child.Pid : -1, started.Errno);
    }

    /// <inheritdoc />
    public void Signal(int pid, Signal signal) => Signals.Send(pid, signal);
}
