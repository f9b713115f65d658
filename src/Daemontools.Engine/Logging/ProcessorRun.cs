using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Runs a processor as 0.76 does: /bin/sh -c PROCESSOR in the log directory with fd 0 =
/// previous, 1 = processed (truncated), 4 = state, 5 = newstate (truncated), and waits for it.
/// As in 0.76 the child opens them itself, onto those numbers: the logger needs no descriptor to
/// spare for a processor (under softlimit -o it may have none).
/// </summary>
internal static class ProcessorRun
{
    private const UnixFileMode Created = FileModes.Readable;

    /// <summary>How the run ended, and the errno to print with it.</summary>
    public static (ProcessorOutcome Outcome, Errno Errno) Run(string processor, string path)
    {
        const int Read = Linux.O_RDONLY | Linux.O_NONBLOCK, Truncate = Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_TRUNC | Linux.O_CREAT;
        SpawnResult started = Spawner.Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", processor])
        {
            WorkingDirectory = path,
            // Each number is closed before its file is opened (POSIX), so it is free even with none to spare.
            Opens = [(path + "/previous", Read, 0, 0), (path + "/processed", Truncate, Created, 1), (path + "/state", Read, 0, 4), (path + "/newstate", Truncate, Created, 5)],
        });
        if (!started.Started)
        {
            // No process (fork's EAGAIN, ENOMEM) is 0.76's "unable to fork"; a file or /bin/sh that would
            // not open is its child exiting 111: "failed".
            return (started.Errno is Errno.EAGAIN or Errno.ENOMEM ? ProcessorOutcome.CouldNotStart : ProcessorOutcome.Failed, started.Errno);
        }
        WaitStatus status = started.Child.Wait();
        // What 0.76 happens to print after "processor crashed ... pausing:".
        if (status.Signaled) return (ProcessorOutcome.Crashed, Errno.ENOENT);
        return (status.ExitCode == 0 ? ProcessorOutcome.Succeeded : ProcessorOutcome.Failed, Errno.ENOENT);
    }
}
