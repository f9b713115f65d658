using System.Globalization;

namespace Daemontools.Engine.Scanning;

/// <summary>Parent links between processes, read from /proc.</summary>
public static class ProcessFamily
{
    /// <summary>Every live descendant of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (string dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int p)) continue;
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

    private static (char State, int Parent)? Stat(int pid)
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
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
