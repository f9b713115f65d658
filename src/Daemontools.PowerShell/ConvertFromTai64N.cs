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
        Tai64NEntry entry = Tai64NEntry.Parse(line);
        if (entry.Label is null && SkipUnstamped) return;
        WriteObject(AsString ? Tai64NText.ToLocal(line) : entry);
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        if (text.IndexOf('\n') < 0) return [text];
        return text.TrimEnd('\n').Split('\n');
    }
}
