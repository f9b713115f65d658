using Daemontools.Engine.Interop;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// The orderly shutdown 0.76 lacks: every service down and its supervise told to exit (svc -dx),
/// then, once a service's supervise has gone, svscan lets go of that service's pipe and tells
/// the log supervise to exit (svc -x) so the logger reads to end of file, writes everything out
/// and ends by itself. Past the deadline whatever remains is killed.
/// </summary>
public sealed class TreeShutdown
{
    private static readonly byte[] DownAndExit = [(byte)ControlCommand.Down, (byte)ControlCommand.Exit];
    private static readonly byte[] ExitOnly = [(byte)ControlCommand.Exit];

    private readonly Scanner _scanner;
    private readonly long _deadline;

    /// <summary>Begins the shutdown of everything <paramref name="scanner"/> started; the clock is <see cref="Environment.TickCount64"/>.</summary>
    public TreeShutdown(Scanner scanner, TimeSpan timeout)
    {
        _scanner = scanner;
        _deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
    }

    /// <summary>All supervisors have ended.</summary>
    public bool Finished => _scanner.RunningSupervisors == 0;

    /// <summary>The time limit has passed.</summary>
    public bool Expired => Environment.TickCount64 >= _deadline;

    /// <summary>Milliseconds left before the deadline.</summary>
    public long Remaining => Math.Max(0, _deadline - Environment.TickCount64);

    /// <summary>
    /// Sends whatever can be sent now: `dx` to each main supervise not yet told, and for each
    /// service whose main supervise has ended, releases its pipe and sends `x` to its logger.
    /// Sends that fail (a supervise still starting has no reader on its FIFO yet) are retried on the next call;
    /// commands written into a regular file found in place of supervise/control are not: they are
    /// there for our supervise to apply at its next wake (Debian's never reads them, and the deadline
    /// deals with it), and writing them again would only pile up copies in that file.
    /// </summary>
    public void Advance()
    {
        foreach (ServiceSlot slot in _scanner.Slots)
        {
            if (slot.MainPid != 0)
            {
                if (!slot.StopSent) slot.StopSent = Delivered(ControlClient.Send(slot.Name, DownAndExit));
                continue;
            }
            slot.ReleasePipe();
            if (slot.LogPid != 0 && !slot.LogExitSent)
            {
                slot.LogExitSent = Delivered(ControlClient.Send(slot.Name + "/log", ExitOnly));
            }
        }
    }

    private static bool Delivered(ControlResult result) => result.Outcome is ControlOutcome.Sent or ControlOutcome.NotFifo;

    /// <summary>Kills each remaining supervise and the service it reports running; returns the names concerned.</summary>
    public IReadOnlyList<string> KillRemaining()
    {
        var names = new List<string>();
        foreach (ServiceSlot slot in _scanner.Slots)
        {
            if (slot.MainPid != 0)
            {
                Kill(slot.Name, slot.MainPid);
                names.Add(slot.Name);
            }
            if (slot.LogPid != 0)
            {
                Kill(slot.Name + "/log", slot.LogPid);
                names.Add(slot.Name + "/log");
            }
            slot.ReleasePipe();
        }
        return names;
    }

    private static void Kill(string directory, int supervisePid)
    {
        int service = ServicePid(directory);
        if (service > 0) Signals.Send(service, Signal.Kill);
        Signals.Send(supervisePid, Signal.Kill);
    }

    /// <summary>The service pid supervise last recorded in DIR/supervise/status, 0 when unknown.</summary>
    private static int ServicePid(string directory)
    {
        try
        {
            byte[] status = File.ReadAllBytes(new ServiceDirectory(directory).Status);
            return StatusRecord.TryDecode(status, out StatusRecord record) ? (int)record.ProcessId : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
