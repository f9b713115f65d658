using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>A child this process started and must reap itself (never through System.Diagnostics.Process).</summary>
public sealed class StartedProgram
{
    private readonly ChildProcess _child;
    private WaitStatus? _ended;

    internal StartedProgram(ChildProcess child) => _child = child;

    /// <summary>The child's pid.</summary>
    public int Pid => _child.Pid;

    /// <summary>How it ended, once reaped (by <see cref="TryReap"/> or <see cref="Wait"/>).</summary>
    public WaitStatus? Ended => _ended;

    /// <summary>Reaps the child if it has ended, without waiting; true once it has.</summary>
    public bool TryReap()
    {
        if (_ended is not null) return true;
        if (!_child.TryReap(out WaitStatus status)) return false;
        _ended = status;
        return true;
    }

    /// <summary>Waits until the child ends and reaps it.</summary>
    public WaitStatus Wait()
    {
        _ended ??= _child.Wait();
        return _ended.Value;
    }
}
