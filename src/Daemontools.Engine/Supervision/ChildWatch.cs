using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Supervision;

/// <summary>A pidfd on one child of supervise (./run or ./finish), readable in poll once it has ended.</summary>
internal sealed class ChildWatch
{
    private int _watchedPid;
    private bool _givenUp;

    /// <summary>The pidfd (invalid: no child, or no pidfd support, and the loop then polls on a timer).</summary>
    public Descriptor PidFd { get; private set; } = Descriptor.None;

    /// <summary>Watches <paramref name="pid"/> (0 = none) instead of whatever was watched.</summary>
    public void Watch(int pid)
    {
        if (pid == _watchedPid) return;
        Unwatch();
        _watchedPid = pid;
        if (pid != 0 && !_givenUp && new ChildProcess(pid).OpenPidFd(out Descriptor fd) == Unix.Errno.None) PidFd = fd;
    }

    /// <summary>Closes the pidfd and opens none from now on (the loop then polls on a timer); true when a descriptor was freed.</summary>
    public bool GiveUp()
    {
        _givenUp = true;
        if (!PidFd.IsValid) return false;
        int pid = _watchedPid;
        Unwatch();
        _watchedPid = pid;
        return true;
    }

    /// <summary>Closes the pidfd.</summary>
    public void Unwatch()
    {
        if (PidFd.IsValid) PidFd.Close();
        PidFd = Descriptor.None;
        _watchedPid = 0;
    }
}
