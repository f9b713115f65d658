using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Runs a processor as 0.76 does: /bin/sh -c PROCESSOR in the log directory with fd 0 =
/// previous, 1 = processed (truncated), 4 = state, 5 = newstate (truncated), and waits for it.
/// </summary>
internal static class ProcessorRun
{
    private const int Clear = 10; // above 0..5 so the dup2 list cannot trample itself

    /// <summary>How the run ended, and the errno to print with it.</summary>
    public static (ProcessorOutcome Outcome, Errno Errno) Run(string processor, string path)
    {
        Descriptor[] fds = [Descriptor.None, Descriptor.None, Descriptor.None, Descriptor.None];
        try
        {
            Errno errno = FileSystem.OpenRead(path + "/previous", out fds[0]);
            if (errno == Errno.None) errno = FileSystem.OpenTruncate(path + "/processed", out fds[1]);
            if (errno == Errno.None) errno = FileSystem.OpenRead(path + "/state", out fds[2]);
            if (errno == Errno.None) errno = FileSystem.OpenTruncate(path + "/newstate", out fds[3]);
            if (errno != Errno.None) return (ProcessorOutcome.Failed, errno); // the original's child dies with 111 here
            for (int i = 0; i < fds.Length; i++) fds[i] = fds[i].MoveAbove(Clear);

            SpawnResult started = Spawner.Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", processor])
            {
                WorkingDirectory = path,
                Descriptors = [(fds[0], 0), (fds[1], 1), (fds[2], 4), (fds[3], 5)],
            });
            if (!started.Started) return (ProcessorOutcome.CouldNotStart, started.Errno);
            foreach (Descriptor fd in fds) fd.Close();
            fds = [];
            WaitStatus status = started.Child.Wait();
            // What 0.76 happens to print after "processor crashed ... pausing:".
            if (status.Signaled) return (ProcessorOutcome.Crashed, Errno.ENOENT);
            return (status.ExitCode == 0 ? ProcessorOutcome.Succeeded : ProcessorOutcome.Failed, Errno.ENOENT);
        }
        finally
        {
            foreach (Descriptor fd in fds)
            {
                if (fd.IsValid) fd.Close();
            }
        }
    }
}
