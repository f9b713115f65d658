using System.Globalization;

namespace Daemontools.Engine.Scanning;

/// <summary>Parent links between processes, read from /proc.</summary>
public static class ProcessFamily
{
    /// <summary>Every live process's pid.</summary>
    public static IEnumerable<int> All()
    {
        foreach (string dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) yield return pid;
        }
    }

    /// <summary>Every live descendant of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (int p in All())
        {
            if (Stat(p) is { } stat && stat.State != 'Z') parents[p] = stat.Parent;
        }
        var result = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.Count > 0)
        {
            int parent = pending.Pop();
            foreach ((int child, int ppid) in parents)
            {
                if (ppid != parent || result.Contains(child)) continue;
                result.Add(child);
                pending.Push(child);
            }
        }
        return result;
    }

    /// <summary>The process exists and is not a zombie.</summary>
    public static bool Running(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    /// <summary>What /proc/<paramref name="pid"/>/stat says, or null when the process is gone.</summary>
    public static ProcessStat? Stat(int pid)
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
        // The fields after the command name, which may itself hold spaces and parentheses.
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessStat(fields[0][0], Number(fields[1]), Number(fields[2]), Number(fields[3]));
    }

    private static int Number(string field) => int.Parse(field, CultureInfo.InvariantCulture);
}
