using System.Diagnostics;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// daemontools' safe removal of a service, in order: out of the scan directory first (so svscan
/// cannot start it again), then `dx` to the service and the wait until its supervise is gone, then
/// the wait until the logger has read what is left in its pipe, then `dx` to the logger and the
/// wait until that supervise is gone too. Nothing is left running in a directory that is then
/// deleted, and no line the service wrote is lost.
/// </summary>
public static class ServiceRemoval
{
    private static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Takes <paramref name="entry"/> out of its scan directory and stops it; returns the service directory, which stays.</summary>
    public static string Disable(EnabledService entry, TimeSpan timeout, CancellationToken cancel = default)
    {
        string directory = TakeOut(entry);
        Stop(directory, timeout, cancel);
        return directory;
    }

    /// <summary>
    /// Disables <paramref name="path"/> (a service directory, or a link to one) wherever it is enabled in
    /// <paramref name="scanDirectory"/>, then deletes the directory; refused while a supervise still runs there.
    /// </summary>
    public static void Remove(string path, string scanDirectory, TimeSpan timeout, CancellationToken cancel = default)
    {
        string directory = RealDirectory(path);
        var entries = new List<EnabledService>();
        if (new FileInfo(path).LinkTarget is not null) entries.Add(new EnabledService(Path.GetFileName(path), Path.GetFullPath(path), true, false));
        if (Directory.Exists(scanDirectory)) entries.AddRange(ServiceLink.Find(scanDirectory, directory).Where(e => !entries.Any(o => o.Path == e.Path)));
        foreach (EnabledService entry in entries)
        {
            string now = TakeOut(entry);
            if (!entry.IsLink) directory = now;
        }
        if (entries.Count > 0) Stop(directory, timeout, cancel);
        Delete(directory);
    }

    /// <summary>`dx` to the service and then to its logger (once its pipe is drained), each awaited until its supervise is gone.</summary>
    public static void Stop(string directory, TimeSpan timeout, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        ExitSupervise(directory, timeout, clock, cancel);
        string log = Path.Combine(directory, "log");
        if (!Directory.Exists(log)) return;
        Drain(log, timeout, clock, cancel);
        ExitSupervise(log, timeout, clock, cancel);
    }

    /// <summary>Deletes a service directory in which no supervise runs: renamed to a dot name first, so nobody sees it half gone.</summary>
    public static void Delete(string directory)
    {
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory)) throw new ServiceLifecycleException(LifecycleStep.DeleteMissing, directory);
        foreach (string supervised in new[] { directory, Path.Combine(directory, "log") })
        {
            if (SuperviseProbe.Check(supervised).Outcome == ProbeOutcome.Running)
            {
                throw new ServiceLifecycleException(LifecycleStep.DeleteSupervised, supervised);
            }
        }
        string doomed = Path.Combine(Path.GetDirectoryName(directory)!, $".{Path.GetFileName(directory)}.removed-{Guid.NewGuid():N}");
        Errno errno = FileSystem.RenameNoReplace(directory, doomed);
        if (errno != Errno.None) throw new ServiceLifecycleException(LifecycleStep.RenameBeforeDelete, directory, errno);
        FileStep.Attempt(directory, () => Directory.Delete(doomed, recursive: true));
    }

    /// <summary>
    /// Removes the entry from the scan directory: a link is unlinked; a directory made in place is
    /// renamed to .NAME, which svscan ignores. Returns where the service directory now is.
    /// </summary>
    private static string TakeOut(EnabledService entry)
    {
        if (entry.IsLink)
        {
            string target = RealDirectory(entry.Path);
            FileStep.Attempt(entry.Path, () => File.Delete(entry.Path));
            return target;
        }
        string hidden = Path.Combine(Path.GetDirectoryName(entry.Path)!, "." + entry.Name);
        Errno errno = FileSystem.RenameNoReplace(entry.Path, hidden);
        if (errno is Errno.EEXIST or Errno.ENOTEMPTY)
        {
            throw new ServiceLifecycleException(LifecycleStep.TakeOutNameTaken, hidden, other: entry.Path);
        }
        if (errno != Errno.None) throw new ServiceLifecycleException(LifecycleStep.TakeOut, entry.Path, errno);
        return hidden;
    }

    private static string RealDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        if (new FileInfo(full).LinkTarget is not null) full = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        if (!Directory.Exists(full)) throw new ServiceLifecycleException(LifecycleStep.NotADirectory, path);
        return full;
    }

    private static void ExitSupervise(string directory, TimeSpan timeout, Stopwatch clock, CancellationToken cancel)
    {
        ControlResult sent = ControlClient.Send(directory, "dx"u8);
        switch (sent.Outcome)
        {
            case ControlOutcome.Sent:
            case ControlOutcome.NotFifo: // applied when supervise next wakes; the wait below says if it does not
                break;
            case ControlOutcome.NotRunning:
                return;
            case ControlOutcome.OpenFailed when sent.Errno == Errno.ENOENT:
                return; // never supervised: no supervise/control
            case ControlOutcome.DirectoryUnavailable:
                throw new ServiceLifecycleException(LifecycleStep.Enter, directory, sent.Errno);
            default:
                throw new ServiceLifecycleException(LifecycleStep.Control, directory, sent.Errno);
        }
        if (StatusWait.Until(directory, s => !Supervised(s), Remaining(timeout, clock), cancel) is null)
        {
            ServiceStatus now = ServiceStatus.Read(directory);
            int run = now.Failure == StatusFailure.None && now.Record.IsUp ? (int)now.Record.ProcessId : 0;
            throw new ServiceLifecycleException(LifecycleStep.SuperviseTimedOut, directory, new ExpiredWait(timeout, run));
        }
    }

    /// <summary>
    /// Waits until the logger's ./run has read every byte waiting in its pipe (svscan holds the pipe
    /// open, so it never sees end of file); a paused logger is continued first so that it can.
    /// </summary>
    private static void Drain(string log, TimeSpan timeout, Stopwatch clock, CancellationToken cancel)
    {
        ServiceStatus status = ServiceStatus.Read(log);
        if (status.Failure != StatusFailure.None || !status.Record.IsUp) return;
        if (status.Record.IsPaused) ControlClient.Send(log, "c"u8);
        int logger = (int)status.Record.ProcessId;
        // Not readable (another account's process without privilege) or gone: nothing to wait for that can be seen.
        while (Unread(logger) is > 0 and int pending)
        {
            if (clock.Elapsed >= timeout)
            {
                throw new ServiceLifecycleException(LifecycleStep.DrainTimedOut, log, new ExpiredWait(timeout, logger, pending));
            }
            if (cancel.WaitHandle.WaitOne(DrainInterval)) cancel.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// The bytes waiting in the pipe process <paramref name="pid"/> reads on stdin: the pipe is opened
    /// anew through /proc/PID/fd/0 (read-only, non-blocking, never read from) and asked; null when it cannot be.
    /// </summary>
    private static int? Unread(int pid)
    {
        if (FileSystem.Open($"/proc/{pid}/fd/0", Linux.O_RDONLY | Linux.O_NONBLOCK, 0, out Descriptor pipe) != Errno.None) return null;
        try
        {
            return Pipe.Unread(pipe, out int count) == Errno.None ? count : null;
        }
        finally
        {
            pipe.Close();
        }
    }

    private static bool Supervised(ServiceStatus status) =>
        status.Failure is not (StatusFailure.NotRunning or StatusFailure.DirectoryUnavailable)
        && !(status.Failure == StatusFailure.OkUnavailable && status.Errno == Errno.ENOENT);

    private static TimeSpan Remaining(TimeSpan timeout, Stopwatch clock) => timeout > clock.Elapsed ? timeout - clock.Elapsed : TimeSpan.Zero;
}
