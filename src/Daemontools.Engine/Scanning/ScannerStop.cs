using Daemontools.Engine.Interop;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// The orderly shutdown from outside: SIGTERM to the svscan holding a directory's lock, then
/// wait until it has let go; past the timeout, SIGKILL to svscan and every process under it.
/// </summary>
public static class ScannerStop
{
    /// <summary>
    /// Stops the svscan of <paramref name="directory"/> (pid <paramref name="pid"/>); returns true when it finished by
    /// itself, false when it had to be killed. Cancelling stops the waiting only: nothing is killed then.
    /// </summary>
    public static bool Stop(string directory, int pid, TimeSpan timeout, CancellationToken cancel = default)
    {
        Signals.Send(pid, Signal.Terminate);
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline && !cancel.IsCancellationRequested)
        {
            if (Ended(directory, pid)) return true;
            Poll.Sleep(50);
        }
        if (cancel.IsCancellationRequested) return Ended(directory, pid);
        IReadOnlyList<int> tree = ProcessFamily.Descendants(pid);
        Signals.Send(pid, Signal.Kill);
        foreach (int member in tree) Signals.Send(member, Signal.Kill);
        return false;
    }

    /// <summary>svscan has gone: the lock is free and no process has its pid (or the pid is a zombie).</summary>
    public static bool Ended(string directory, int pid) =>
        ScanDirectory.ScannerPid(directory) != pid && !ProcessFamily.Running(pid);

    /// <summary>The service directories of <paramref name="directory"/> whose supervise is running (their supervise/ok has a reader), logs included as NAME/log.</summary>
    public static IReadOnlyList<string> SupervisedServices(string directory)
    {
        var result = new List<string>();
        var names = new List<string>();
        if (DirectoryListing.Read(directory, names) != Errno.None) return result;
        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (name.StartsWith('.')) continue;
            string service = Path.Combine(directory, name);
            if (Supervised(service)) result.Add(name);
            if (Supervised(Path.Combine(service, "log"))) result.Add(name + "/log");
        }
        return result;
    }

    private static bool Supervised(string service) => SuperviseProbe.Check(service).Outcome == ProbeOutcome.Running;
}
