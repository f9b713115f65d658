using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Holds a spawned child before its exec so that resource limits can be put on it first. Limits
/// are per process, so they cannot be set around posix_spawn without changing the session's own
/// (a lowered CPU or memory limit could kill pwsh). Instead the child's first file action opens a
/// FIFO and blocks there; the spawning thread's /proc children entry gives its pid; prlimit sets
/// its limits; opening the FIFO's other end lets it go on to exec. If a limit cannot be set the
/// child is killed before it runs anything (fail closed).
/// </summary>
internal sealed class SpawnGate(string directory, string path, Descriptor childDescriptor) : IDisposable
{
    /// <summary>The FIFO.</summary>
    public string Path { get; } = path;

    /// <summary>The descriptor the child opens the FIFO on (closed again by its exec).</summary>
    public Descriptor ChildDescriptor { get; } = childDescriptor;

    /// <summary>Makes the FIFO in a fresh private directory.</summary>
    public static Errno Create(out SpawnGate? gate)
    {
        if (!File.Exists("/proc/thread-self/children"))
        {
            throw new PlatformNotSupportedException("/proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN) is needed to set limits on a child before it runs");
        }
        string directory = Directory.CreateTempSubdirectory("dt-gate-").FullName;
        string path = System.IO.Path.Combine(directory, "gate");
        Errno errno = Fifo.Make(path, FileModes.PrivateFile);
        gate = new SpawnGate(directory, path, FreeDescriptor());
        if (errno == Errno.None) return errno;
        gate.Dispose();
        gate = null;
        return errno;
    }

    /// <summary>Waits for the child of <paramref name="spawner"/>, limits it, and lets it run; errno of the limit that could not be set.</summary>
    public Errno Release(Thread spawner, Func<int> spawnerTid, IReadOnlyList<(int Resource, ulong Soft)> limits)
    {
        int pid = WaitForChild(spawner, spawnerTid);
        if (pid <= 0) return Errno.None; // the spawn failed before the child existed; posix_spawn reports why
        Errno failure = Errno.None;
        foreach ((int resource, ulong soft) in limits)
        {
            failure = Limits.SetSoft(pid, resource, soft);
            if (failure != Errno.None) break;
        }
        if (failure != Errno.None) Signals.Send(pid, Signal.Kill);
        if (FileSystem.Open(Path, Linux.O_WRONLY, 0, out Descriptor fd) == Errno.None) fd.Close();
        return failure;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int WaitForChild(Thread spawner, Func<int> spawnerTid)
    {
        var spin = new SpinWait();
        while (spawner.IsAlive)
        {
            int tid = spawnerTid();
            if (tid != 0)
            {
                string children;
                try
                {
                    children = File.ReadAllText($"/proc/self/task/{tid}/children");
                }
                catch (IOException)
                {
                    children = string.Empty;
                }
                if (int.TryParse(children.Trim().Split(' ')[0], out int pid)) return pid;
            }
            spin.SpinOnce(sleep1Threshold: 20);
        }
        return -1;
    }

    private static Descriptor FreeDescriptor()
    {
        var open = new HashSet<int>(Array.ConvertAll(Directory.GetFileSystemEntries("/proc/self/fd"), e => int.TryParse(System.IO.Path.GetFileName(e), out int fd) ? fd : -1));
        int candidate = 3;
        while (open.Contains(candidate)) candidate++;
        return new Descriptor(candidate + 1);
    }
}
