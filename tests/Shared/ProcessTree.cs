using System.Runtime.InteropServices;
using Daemontools.Engine.Scanning;

namespace Daemontools.Tests.Shared;

/// <summary>
/// What the tests ask of processes, over the engine's <see cref="ProcessFamily"/>: parents, groups,
/// sessions, arguments, descriptors; and kill by pid (kill(2) of its own: the engine offers no
/// public way to signal any pid, and the PowerShell tests see no internals).
/// </summary>
public static partial class ProcessTree
{
    public const int SIGHUP = 1, SIGKILL = 9, SIGTERM = 15, SIGSTOP = 19;

    /// <summary>Sends a signal; a negative pid names a process group.</summary>
    public static void Kill(int pid, int signal) => kill(pid, signal);

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
    public static IReadOnlyList<int> Children(int pid) => ProcessFamily.All().Where(p => Stat(p) is { } s && s.Parent == pid).ToList();

    /// <summary>Every live descendant of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<int> Descendants(int pid) => ProcessFamily.Descendants(pid);

    /// <summary>Live pids in a process group.</summary>
    public static IReadOnlyList<int> InGroup(int pgid) => ProcessFamily.All().Where(p => Stat(p) is { } s && s.Group == pgid && s.State != 'Z').ToList();

    /// <summary>Live pids in a session.</summary>
    public static IReadOnlyList<int> InSession(int sid) => ProcessFamily.All().Where(p => Stat(p) is { } s && s.Session == sid && s.State != 'Z').ToList();

    /// <summary>The process is alive and not a zombie.</summary>
    public static bool Alive(int pid) => ProcessFamily.Running(pid);

    /// <summary>State letter, parent, process group and session; null when gone.</summary>
    public static ProcessStat? Stat(int pid) => ProcessFamily.Stat(pid);

    /// <summary>Live pids whose current directory is <paramref name="root"/> or below it.</summary>
    public static IReadOnlyList<int> InDirectory(string root) =>
        ProcessFamily.All().Where(p => WorkingDirectory(p) is string cwd && (cwd == root || cwd.StartsWith(root + "/", StringComparison.Ordinal)) && Alive(p)).ToList();

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

    [LibraryImport("libc.so.6")]
    private static partial int kill(int pid, int signal);
}
