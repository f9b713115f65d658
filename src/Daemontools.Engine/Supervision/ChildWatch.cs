using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>A pidfd on one child of supervise (./run or ./finish), readable in poll once it has ended.</summary>
internal sealed class ChildWatch
{
    private int _watchedPid;

    /// <summary>The pidfd (invalid: no child, or no pidfd support, and the loop then polls on a timer).</summary>
    public Descriptor PidFd { get; private set; } = Descriptor.None;

    /// <summary>Watches <paramref name="pid"/> (0 = none) instead of whatever was watched.</summary>
    public void Watch(int pid)
    {
        if (pid == _watchedPid) return;
        Unwatch();
        _watchedPid = pid;
        if (pid != 0 && new ChildProcess(pid).OpenPidFd(out Descriptor fd) == Unix.Errno.None) PidFd = fd;
    }

    /// <summary>Closes the pidfd.</summary>
    public void Unwatch()
    {
        if (PidFd.IsValid) PidFd.Close();
        PidFd = Descriptor.None;
        _watchedPid = 0;
    }
}
