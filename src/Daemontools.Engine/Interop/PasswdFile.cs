using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>
/// /etc/passwd read the way glibc's files module reads it: blank lines and lines starting with
/// '#' (after leading blanks) skipped, a line whose uid or gid is not a number skipped, missing
/// trailing fields empty, the first valid line naming the account wins.
/// </summary>
internal static class PasswdFile
{
    /// <summary>The entry for <paramref name="name"/> in the passwd-format <paramref name="content"/>, or null.</summary>
    public static PasswdEntry? Find(ReadOnlySpan<byte> content, string name)
    {
        byte[] wanted = Encoding.UTF8.GetBytes(name);
        while (!content.IsEmpty)
        {
            int end = content.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            line = line.TrimStart(" \t"u8);
            if (line.IsEmpty || line[0] == '#') continue;
            if (line.Length <= wanted.Length || line[wanted.Length] != ':' || !line.StartsWith(wanted)) continue;
            if (Parse(line) is { } entry) return entry;
        }
        return null;
    }

    /// <summary>name:password:uid:gid:gecos:home:shell, or null when uid or gid is not a number.</summary>
    private static PasswdEntry? Parse(ReadOnlySpan<byte> line)
    {
        string name = Encoding.UTF8.GetString(Next(ref line));
        Next(ref line);
        if (!TryNumber(Next(ref line), out uint uid) || !TryNumber(Next(ref line), out uint gid)) return null;
        Next(ref line);
        string home = Encoding.UTF8.GetString(Next(ref line));
        // The shell is the rest of the line, colons included.
        return new PasswdEntry(name, uid, gid, home, Encoding.UTF8.GetString(line));
    }

    /// <summary>The field up to the next ':' (or the end), and <paramref name="rest"/> moved past it.</summary>
    private static ReadOnlySpan<byte> Next(ref ReadOnlySpan<byte> rest)
    {
        int colon = rest.IndexOf((byte)':');
        ReadOnlySpan<byte> field = colon < 0 ? rest : rest[..colon];
        rest = colon < 0 ? [] : rest[(colon + 1)..];
        return field;
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out uint value)
    {
        ulong total = 0;
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            total = (total * 10) + (uint)(b - '0');
            if (total > uint.MaxValue) return false;
        }
        value = (uint)total;
        return true;
    }
}
