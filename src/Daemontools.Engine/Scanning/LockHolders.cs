using System.Buffers.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// Which processes hold a lock on which inode, as /proc/locks lists them (flock and fcntl locks,
/// waiters left out). Devices are not compared: /proc/locks names the superblock's, which stat does
/// not report on every file system (btrfs subvolumes), so callers confirm a holder another way.
/// </summary>
internal sealed class LockHolders
{
    // Longer than any /proc/locks line (about 60 bytes); a longer one is skipped whole.
    private const int BufferSize = 4096;

    private readonly List<(ulong Inode, int Pid)> _held = [];

    private LockHolders()
    {
    }

    /// <summary>Reads /proc/locks now; empty when it cannot be read.</summary>
    /// <remarks>
    /// Parsed as bytes in one buffer: the file lists every lock on the machine (1,206 lines on the
    /// build machine), and reading it as lines of strings left about 670 KiB of garbage touched in
    /// svscan's first pass (svscan's RssAnon 1012 KiB, tests/bench/svscan.sh).
    /// </remarks>
    public static LockHolders Read()
    {
        var holders = new LockHolders();
        if (FileSystem.OpenRead("/proc/locks", out Descriptor fd) != Errno.None) return holders;
        try
        {
            byte[] buffer = new byte[BufferSize];
            int length = 0;
            bool skipping = false;
            while (true)
            {
                Errno errno = fd.Read(buffer.AsSpan(length), out int count);
                if (errno == Errno.EINTR) continue;
                if (errno != Errno.None || count == 0) break;
                length += count;
                int start = 0;
                int newline;
                while ((newline = buffer.AsSpan(start, length - start).IndexOf((byte)'\n')) >= 0)
                {
                    if (!skipping) holders.Add(buffer.AsSpan(start, newline));
                    skipping = false;
                    start += newline + 1;
                }
                if (start == 0 && length == buffer.Length)
                {
                    skipping = true;
                    length = 0;
                    continue;
                }
                buffer.AsSpan(start, length - start).CopyTo(buffer);
                length -= start;
            }
            if (length > 0 && !skipping) holders.Add(buffer.AsSpan(0, length));
        }
        finally
        {
            fd.Close();
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

    /// <summary>
    /// The holder and inode of one line, "1: FLOCK  ADVISORY  WRITE 22903 fe:00:11681829 0 EOF";
    /// false for a waiter's line ("->" after the number) or one that does not read so.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> line, out int pid, out ulong inode)
    {
        pid = 0;
        inode = 0;
        ReadOnlySpan<byte> file = default;
        ReadOnlySpan<byte> owner = default;
        int field = 0;
        while (field < 6)
        {
            line = line.TrimStart((byte)' ');
            if (line.IsEmpty) return false;
            int end = line.IndexOf((byte)' ');
            ReadOnlySpan<byte> value = end < 0 ? line : line[..end];
            if (field == 1 && value.SequenceEqual("->"u8)) return false;
            if (field == 4) owner = value;
            if (field == 5) file = value;
            line = end < 0 ? default : line[end..];
            field++;
        }
        return IsDigits(owner) && Utf8Parser.TryParse(owner, out pid, out int used) && used == owner.Length && pid > 0
            && IsDigits(file = file[(file.LastIndexOf((byte)':') + 1)..])
            && Utf8Parser.TryParse(file, out inode, out used) && used == file.Length;
    }

    // NumberStyles.None, as the string parse this replaces: no sign, no spaces.
    private static bool IsDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private void Add(ReadOnlySpan<byte> line)
    {
        if (TryParse(line, out int pid, out ulong inode)) _held.Add((inode, pid));
    }
}
