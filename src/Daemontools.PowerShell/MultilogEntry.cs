namespace Daemontools.PowerShell;

/// <summary>One line of a multilog directory, with its stamp (TAI64N or ISO 8601) taken apart.</summary>
public sealed class MultilogEntry
{
    /// <summary>Creates an entry.</summary>
    public MultilogEntry(DateTime? timestamp, string message, string file, string line)
    {
        Timestamp = timestamp;
        Message = message;
        File = file;
        Line = line;
    }

    /// <summary>When the line was logged (UTC; a DateTime, so it stays one through remoting), or null when it carries no stamp.</summary>
    public DateTime? Timestamp { get; }

    /// <summary>The line without its stamp.</summary>
    public string Message { get; }

    /// <summary>The file the line is in: an archive (@....s, .u) or current.</summary>
    public string File { get; }

    /// <summary>The line as stored.</summary>
    public string Line { get; }

    /// <summary>The stored line.</summary>
    public override string ToString() => Line;
}
