namespace Daemontools.Engine.Logging;

/// <summary>Reading a log directory back: its files in the order they were written, and the stamp of each line.</summary>
public static class LogDirectoryContents
{
    /// <summary>
    /// The archives (@TAI64N.s, .u, ...; their names sort by time) oldest first, then current.
    /// state, lock, previous and friends are not log files and are left out.
    /// </summary>
    public static IReadOnlyList<string> FilesInOrder(string directory)
    {
        var files = Directory.EnumerateFiles(directory)
            .Where(f => Path.GetFileName(f) is { Length: >= 25 } name && name[0] == '@')
            .Order(StringComparer.Ordinal)
            .ToList();
        string current = Path.Combine(directory, "current");
        if (File.Exists(current)) files.Add(current);
        return files;
    }

    /// <summary>
    /// Splits a line into its leading stamp (TAI64N 't' or our ISO 8601 'T') and the message;
    /// a line without one has a null time and is all message.
    /// </summary>
    public static (DateTimeOffset? Time, string Message) SplitStamp(string line)
    {
        if (line.Length >= Time.Tai64NLabel.TextLength && line[0] == '@'
            && Time.Tai64NLabel.TryParse(line.AsSpan(0, Time.Tai64NLabel.TextLength), out Time.Tai64NLabel label)
            && (line.Length == Time.Tai64NLabel.TextLength || line[Time.Tai64NLabel.TextLength] == ' '))
        {
            return (label.ToDateTimeOffset(), line.Length > Time.Tai64NLabel.TextLength ? line[(Time.Tai64NLabel.TextLength + 1)..] : string.Empty);
        }
        const int IsoLength = LineStamp.Iso8601Length - 1;
        if (line.Length >= IsoLength && line[IsoLength - 1] == 'Z' && line[10] == 'T'
            && DateTimeOffset.TryParseExact(line.AsSpan(0, IsoLength), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset iso)
            && (line.Length == IsoLength || line[IsoLength] == ' '))
        {
            return (iso, line.Length > IsoLength ? line[(IsoLength + 1)..] : string.Empty);
        }
        return (null, line);
    }
}
