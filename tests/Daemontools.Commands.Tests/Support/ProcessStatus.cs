using System.Globalization;

namespace Daemontools.Commands.Tests.Support;

/// <summary>Numbers from /proc/PID/status (the thread group leader's, for the per-thread ones).</summary>
public static class ProcessStatus
{
    /// <summary>Private anonymous memory (heap, stacks, GC heap) in KiB.</summary>
    public static long RssAnonKiB(int pid) => Field(pid, "RssAnon:");

    /// <summary>How often the main thread went to sleep of its own accord (in poll, for our daemons).</summary>
    public static long VoluntarySwitches(int pid) => Field(pid, "voluntary_ctxt_switches:");

    private static long Field(int pid, string name)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
            string value = line[name.Length..].Trim();
            int space = value.IndexOf(' ', StringComparison.Ordinal);
            return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"no {name} in /proc/{pid}/status");
    }
}
