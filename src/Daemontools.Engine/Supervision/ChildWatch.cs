using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>A pidfd on one child of supervise (./run or ./finish), readable in poll once it has ended.</summary>
internal sealed class ChildWatch
{
    private int _watchedPid;

    /// <summary>The pidfd, or -1 (no child, or no pidfd support: the loop then polls on a timer).</summary>
    public int PidFd { get; private set; } = -1;

    /// <summary>Watches <paramref name="pid"/> (0 = none) instead of whatever was watched.</summary>
    public void Watch(int pid)
    {
        if (pid == _watchedPid) return;
        Unwatch();
        _watchedPid = pid;
        if (pid != 0) PidFd = ChildProcesses.OpenPidFd(pid, out _);
    }

    /// <summary>Closes the pidfd.</summary>
    public void Unwatch()
    {
        if (PidFd >= 0) Descriptor.Close(PidFd);
        PidFd = -1;
        _watchedPid = 0;
    }
}
