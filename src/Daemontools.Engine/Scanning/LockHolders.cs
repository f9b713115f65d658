using System.Globalization;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// Which processes hold a lock on which inode, as /proc/locks lists them (flock and fcntl locks,
/// waiters left out). Devices are not compared: /proc/locks names the superblock's, which stat does
/// not report on every file system (btrfs subvolumes), so callers confirm a holder another way.
/// </summary>
internal sealed class LockHolders
{
    private readonly List<(ulong Inode, int Pid)> _held = [];

    private LockHolders()
    {
    }

    /// <summary>Reads /proc/locks now; empty when it cannot be read.</summary>
    public static LockHolders Read()
    {
        var holders = new LockHolders();
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/locks");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return holders;
        }
        // "1: FLOCK  ADVISORY  WRITE 22903 fe:00:11681829 0 EOF"; a waiter's line has "->" after the number.
        foreach (string line in lines)
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1] == "->") continue;
            string file = fields[5];
            if (int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
                && ulong.TryParse(file.AsSpan(file.LastIndexOf(':') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode))
            {
                holders._held.Add((inode, pid));
            }
        }
        return holders;
    }

    /// <summary>The pids holding a lock on inode <paramref name="inode"/>.</summary>
    public IEnumerable<int> Of(ulong inode)
    {
        foreach ((ulong held, int pid) in _held)
        {
            if (held == inode) yield return pid;
        }
    }
}
