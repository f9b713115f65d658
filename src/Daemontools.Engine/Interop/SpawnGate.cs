using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>
/// Holds a spawned child before its exec so that resource limits can be put on it first. Limits
/// are per process, so they cannot be set around posix_spawn without changing the session's own
/// (a lowered CPU or memory limit could kill pwsh). Instead the child's first file action opens a
/// FIFO and blocks there; the spawning thread's /proc children entry gives its pid; prlimit sets
/// its limits; opening the FIFO's other end lets it go on to exec. If a limit cannot be set the
/// child is killed before it runs anything (fail closed).
/// </summary>
internal sealed unsafe class SpawnGate : IDisposable
{
    private readonly string _directory;

    public SpawnGate()
    {
        Assert(File.Exists("/proc/thread-self/children"), "/proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN) is needed to set limits on a child before it runs");
        _directory = Directory.CreateTempSubdirectory("dt-gate-").FullName;
        Path = System.IO.Path.Combine(_directory, "gate");
        fixed (byte* p = NativeByteString.Terminated(Path))
        {
            if (ProcessStateNative.mkfifo(p, Convert.ToUInt32("600", 8)) != 0) throw UnixException.FromLastError("mkfifo", Path);
        }
        ChildDescriptor = FreeDescriptor();
    }

    /// <summary>The FIFO.</summary>
    public string Path { get; }

    /// <summary>The descriptor the child opens the FIFO on (closed again by its exec).</summary>
    public int ChildDescriptor { get; }

    /// <summary>Waits for the child of <paramref name="spawner"/>, limits it, and lets it run; the failure to report, if any.</summary>
    public UnixException? Release(Thread spawner, Func<int> spawnerTid, IReadOnlyList<(int Resource, ulong Soft)> limits, string program)
    {
        int pid = WaitForChild(spawner, spawnerTid);
        if (pid <= 0) return null; // the spawn failed before the child existed; posix_spawn reports why
        UnixException? failure = null;
        foreach ((int resource, ulong soft) in limits)
        {
            ProcessStateNative.RLimit old;
            if (ProcessStateNative.prlimit(pid, resource, null, &old) != 0)
            {
                failure = UnixException.FromLastError("prlimit", program);
                break;
            }
            var limit = new ProcessStateNative.RLimit { Current = Math.Min(soft, old.Maximum), Maximum = old.Maximum };
            if (ProcessStateNative.prlimit(pid, resource, &limit, null) != 0)
            {
                failure = UnixException.FromLastError("prlimit", program);
                break;
            }
        }
        if (failure is not null) Tmds.Linux.LibC.kill(pid, Tmds.Linux.LibC.SIGKILL);
        fixed (byte* p = NativeByteString.Terminated(Path))
        {
            int fd = ProcessStateNative.open(p, ProcessStateNative.O_WRONLY | ProcessStateNative.O_CLOEXEC, 0);
            if (fd >= 0) Descriptor.Close(fd);
        }
        return failure;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
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

    private static int FreeDescriptor()
    {
        var open = new HashSet<int>(Directory.EnumerateFileSystemEntries("/proc/self/fd").Select(e => int.TryParse(System.IO.Path.GetFileName(e), out int fd) ? fd : -1));
        int candidate = 3;
        while (open.Contains(candidate)) candidate++;
        return candidate + 1;
    }

    private static void Assert(bool condition, string what)
    {
        if (!condition) throw new PlatformNotSupportedException(what);
    }
}
