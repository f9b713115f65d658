namespace Daemontools.Engine.Logging;

/// <summary>
/// multilog's pattern language (match.c): a byte matches itself; '*' followed by c skips to the
/// first c in the line, without backtracking; '*' at the end matches the rest. The pattern must
/// consume the whole line.
/// </summary>
public static class LinePattern
{
    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="line"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> line)
    {
        int p = 0;
        while (true)
        {
            if (p == pattern.Length) return line.IsEmpty;
            byte c = pattern[p++];
            if (c == (byte)'*')
            {
                if (p == pattern.Length) return true;
                // No backtracking: only the first occurrence of the next byte is tried.
                int next = line.IndexOf(pattern[p]);
                if (next < 0) return false;
                line = line[next..];
                continue;
            }
            if (line.IsEmpty || line[0] != c) return false;
            line = line[1..];
        }
    }
}
