using System.Management.Automation;
using Daemontools.Engine.Time;

namespace Daemontools.PowerShell;

/// <summary>
/// Splits TAI64N-stamped lines (tai64n or multilog output) into objects with a UTC timestamp,
/// or, with -AsString, prints them as tai64nlocal does.
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "Tai64N")]
[OutputType(typeof(Tai64NEntry), typeof(string))]
public sealed class ConvertFromTai64N : DaemontoolsCmdlet
{
    /// <summary>Lines to convert; a string holding several lines is split at newlines.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string[] InputObject { get; set; } = [];

    /// <summary>Drop lines that carry no label instead of passing them on with a null Timestamp.</summary>
    [Parameter]
    public SwitchParameter SkipUnstamped { get; set; }

    /// <summary>Emit tai64nlocal's text instead of objects.</summary>
    [Parameter]
    public SwitchParameter AsString { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string text in InputObject)
        {
            foreach (string line in SplitLines(text)) Convert(line);
        }
    }

    private void Convert(string line)
    {
        Tai64NLabel? label = LeadingLabel(line);
        if (label is null && SkipUnstamped) return;
        if (AsString)
        {
            WriteObject(Tai64NText.ToLocal(line));
            return;
        }
        string message = label is null ? line : line.Length > Tai64NLabel.TextLength ? line[(Tai64NLabel.TextLength + 1)..] : string.Empty;
        WriteObject(new Tai64NEntry(line, label, message));
    }

    /// <summary>A label counts when it starts the line and is followed by a space or the end.</summary>
    private static Tai64NLabel? LeadingLabel(string line)
    {
        if (line.Length < Tai64NLabel.TextLength) return null;
        if (line.Length > Tai64NLabel.TextLength && line[Tai64NLabel.TextLength] != ' ') return null;
        return Tai64NLabel.TryParse(line.AsSpan(0, Tai64NLabel.TextLength), out Tai64NLabel label) ? label : null;
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        if (text.IndexOf('\n') < 0) return [text];
        return text.TrimEnd('\n').Split('\n');
    }
}
