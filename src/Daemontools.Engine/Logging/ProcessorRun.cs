using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Runs a processor as 0.76 does: /bin/sh -c PROCESSOR in the log directory with fd 0 =
/// previous, 1 = processed (truncated), 4 = state, 5 = newstate (truncated), and waits for it.
/// </summary>
internal static class ProcessorRun
{
    private const int Clear = 10; // above 0..5 so the dup2 list cannot trample itself

    public static ProcessorOutcome Run(string processor, string path, out int errno)
    {
        int[] fds = [-1, -1, -1, -1];
        try
        {
            fds[0] = FileSystemCalls.OpenRead(path + "/previous", out errno);
            if (fds[0] >= 0) fds[1] = FileSystemCalls.OpenTruncate(path + "/processed", out errno);
            if (fds[1] >= 0) fds[2] = FileSystemCalls.OpenRead(path + "/state", out errno);
            if (fds[2] >= 0) fds[3] = FileSystemCalls.OpenTruncate(path + "/newstate", out errno);
            if (fds[3] < 0) return ProcessorOutcome.Failed; // the original's child dies with 111 here
            for (int i = 0; i < fds.Length; i++) fds[i] = FileSystemCalls.MoveAbove(fds[i], Clear);

            var request = new SpawnRequest("/bin/sh", ["sh", "-c", processor])
            {
                WorkingDirectory = path,
                Descriptors = [(fds[0], 0), (fds[1], 1), (fds[2], 4), (fds[3], 5)],
            };
            int pid = Spawner.TrySpawn(request, out errno);
            if (pid <= 0) return ProcessorOutcome.CouldNotStart;
            foreach (int fd in fds) Descriptor.Close(fd);
            fds = [];
            WaitStatus status = ChildProcesses.Wait(pid);
            errno = Errno.ENOENT; // what 0.76 happens to print after "processor crashed ... pausing:"
            if (status.Signaled) return ProcessorOutcome.Crashed;
            return status.ExitCode == 0 ? ProcessorOutcome.Succeeded : ProcessorOutcome.Failed;
        }
        finally
        {
            foreach (int fd in fds)
            {
                if (fd >= 0) Descriptor.Close(fd);
            }
        }
    }
}
