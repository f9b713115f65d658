using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// The process a launch started (svscan itself, or the shell that runs svscan | readproctitle and
/// reaps both), reaped by a thread of its own the moment it ends. Its parent (pwsh) may live for
/// hours, and an init that reaps late or never (containers) would otherwise be left a zombie.
/// </summary>
public sealed class ScannerChild
{
    private readonly ManualResetEventSlim _ended = new(false);
    private readonly ChildProcess _child;

    /// <summary>Starts reaping <paramref name="child"/>.</summary>
    internal ScannerChild(ChildProcess child)
    {
        _child = child;
        new Thread(Reap) { IsBackground = true, Name = "svscan reaper " + child.Pid }.Start();
    }

    /// <summary>The child's pid; also its session and process group.</summary>
    public int ProcessId => _child.Pid;

    /// <summary>How it ended; null while it runs, or when the host reaped it first.</summary>
    public WaitStatus? Status { get; private set; }

    /// <summary>Set once the child has ended and been reaped.</summary>
    public WaitHandle Ended => _ended.WaitHandle;

    /// <summary>True once the child has ended and been reaped.</summary>
    public bool HasEnded => _ended.IsSet;

    /// <summary>Waits up to <paramref name="timeout"/> for the end; true when it came.</summary>
    public bool WaitForEnd(TimeSpan timeout) => _ended.Wait(timeout);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until svscan (pid <paramref name="scannerPid"/>) has gone
    /// without a trace: this child has been reaped, or (when svscan runs under the shell of a
    /// readproctitle pipeline, which reaps it at once) no process has its pid any more.
    /// </summary>
    public bool WaitForScannerGone(int scannerPid, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!WaitForEnd(TimeSpan.FromMilliseconds(10)))
        {
            if (scannerPid != ProcessId && !System.IO.Directory.Exists($"/proc/{scannerPid}")) return true;
            if (Environment.TickCount64 > deadline) return false;
        }
        return true;
    }

    /// <summary>SIGKILL to the child's whole session (its process group): after a failed start nothing of it is left.</summary>
    public void KillSession() => Signals.Send(-ProcessId, Signal.Kill);

    private void Reap()
    {
        try
        {
            Status = _child.Wait();
        }
        catch (SystemCallException)
        {
            // ECHILD: a host that reaps every child (started with SIGCHLD ignored) got it first.
        }
        _ended.Set();
    }
}
