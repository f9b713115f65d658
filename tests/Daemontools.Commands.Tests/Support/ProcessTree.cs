using System.Globalization;
using System.Runtime.InteropServices;

namespace Daemontools.Commands.Tests.Support;

/// <summary>What /proc says about processes: parents, arguments, states; and kill by pid.</summary>
public static partial class ProcessTree
{
    public const int SIGHUP = 1, SIGKILL = 9, SIGTERM = 15, SIGSTOP = 19;

    [LibraryImport("libc.so.6", EntryPoint = "kill")]
    private static partial int KillNative(int pid, int signal);

    /// <summary>Sends a signal; a negative pid names a process group.</summary>
    public static void Kill(int pid, int signal) => KillNative(pid, signal);

    /// <summary>
    /// SIGKILLs the live pids <paramref name="members"/> lists until it lists none: a supervise
    /// killed after its child may have started a new one in between, which one pass would leak.
    /// </summary>
    public static void KillUntilGone(Func<IReadOnlyList<int>> members, string what) =>
        Eventually.True(
            () =>
            {
                IReadOnlyList<int> alive = members();
                foreach (int pid in alive) Kill(pid, SIGKILL);
                return alive.Count == 0;
            },
            what,
            TimeSpan.FromSeconds(30));

    /// <summary>The pids whose parent is <paramref name="pid"/>.</summary>
    public static IReadOnlyList<int> Children(int pid) =>
        All().Where(p => Stat(p) is { } s && s.Ppid == pid).ToList();

    /// <summary>Every descendant of <paramref name="pid"/>, depth first.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var result = new List<int>();
        var parents = new Dictionary<int, int>();
        foreach (int p in All())
        {
            if (Stat(p) is { } s) parents[p] = s.Ppid;
        }
        var stack = new Stack<int>([pid]);
        while (stack.Count > 0)
        {
            int parent = stack.Pop();
            foreach ((int child, int ppid) in parents)
            {
                if (ppid != parent || result.Contains(child)) continue;
                result.Add(child);
                stack.Push(child);
            }
        }
        return result;
    }

    /// <summary>Pids in a process group.</summary>
    public static IReadOnlyList<int> InGroup(int pgid) =>
        All().Where(p => Stat(p) is { } s && s.Pgid == pgid && s.State != 'Z').ToList();

    /// <summary>Live pids in a session.</summary>
    public static IReadOnlyList<int> InSession(int sid) =>
        All().Where(p => Session(p) == sid && ProcessTree.Alive(p)).ToList();

    private static int Session(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[3], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Live pids whose current directory is <paramref name="root"/> or below it.</summary>
    public static IReadOnlyList<int> InDirectory(string root) =>
        All().Where(p => WorkingDirectory(p) is string cwd && (cwd == root || cwd.StartsWith(root + "/", StringComparison.Ordinal)) && Alive(p)).ToList();

    /// <summary>The arguments of a process joined with spaces, or null when it is gone.</summary>
    public static string? Args(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process is alive and not a zombie.</summary>
    public static bool Alive(int pid) => Stat(pid) is { } s && s.State != 'Z';

    /// <summary>State letter, parent and process group from /proc/PID/stat; null when gone.</summary>
    public static (char State, int Ppid, int Pgid)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    /// <summary>A file descriptor's target (e.g. "pipe:[123]").</summary>
    public static string? Descriptor(int pid, int fd)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The current directory of a process.</summary>
    public static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> All()
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) yield return pid;
        }
    }
}
