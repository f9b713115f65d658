using Daemontools.Engine.Time;

namespace Daemontools.PowerShell;

/// <summary>One log line, split into its TAI64N label and its message.</summary>
public sealed class Tai64NEntry
{
    /// <summary>Creates an entry; <paramref name="label"/> is null for a line without one.</summary>
    public Tai64NEntry(string line, Tai64NLabel? label, string message)
    {
        Line = line;
        Message = message;
        if (label is { } l)
        {
            Label = l.ToString();
            Timestamp = l.ToDateTimeOffset().UtcDateTime;
            LocalTime = new LocalTimeFormatter().Format(l);
        }
    }

    /// <summary>The instant of the label (UTC; a DateTime, so it stays one through remoting), or null when the line has none.</summary>
    public DateTime? Timestamp { get; }

    /// <summary>The label as written, '@' and 24 hex digits, or null.</summary>
    public string? Label { get; }

    /// <summary>The label in local time exactly as tai64nlocal prints it, or null.</summary>
    public string? LocalTime { get; }

    /// <summary>The text after the label and its separating space.</summary>
    public string Message { get; }

    /// <summary>The whole line as read.</summary>
    public string Line { get; }

    /// <summary>
    /// Splits a line: a label counts when it starts the line and is followed by a space or the
    /// end; the message is what follows that space.
    /// </summary>
    public static Tai64NEntry Parse(string line)
    {
        Tai64NLabel? label = null;
        if (line.Length >= Tai64NLabel.TextLength
            && (line.Length == Tai64NLabel.TextLength || line[Tai64NLabel.TextLength] == ' ')
            && Tai64NLabel.TryParse(line.AsSpan(0, Tai64NLabel.TextLength), out Tai64NLabel parsed))
        {
            label = parsed;
        }
        string message = label is null ? line : line.Length > Tai64NLabel.TextLength ? line[(Tai64NLabel.TextLength + 1)..] : string.Empty;
        return new Tai64NEntry(line, label, message);
    }

    /// <summary>The line as tai64nlocal would print it.</summary>
    public override string ToString() => LocalTime is null ? Line : LocalTime + Line[Tai64NLabel.TextLength..];
}
