using Daemontools.Engine.Time;

namespace Daemontools.PowerShell;

/// <summary>
/// Stamps pipeline lines with the current TAI64N label as tai64n does, or turns a
/// DateTime/DateTimeOffset into its label.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "Tai64N", DefaultParameterSetName = LineSet)]
[OutputType(typeof(string))]
public sealed class ConvertToTai64N : DaemontoolsCmdlet
{
    private const string LineSet = "Line";
    private const string DateSet = "Date";

    /// <summary>Lines to stamp; a DateTime or DateTimeOffset in the pipeline is converted to its label instead.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = LineSet)]
    [AllowEmptyString]
    public object[] InputObject { get; set; } = [];

    /// <summary>Instants to convert to labels.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DateSet)]
    public DateTimeOffset[] Date { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DateSet)
        {
            foreach (DateTimeOffset instant in Date) WriteObject(Tai64NLabel.FromDateTimeOffset(instant).ToString());
            return;
        }
        foreach (object item in InputObject)
        {
            object value = item is PSObject wrapped ? wrapped.BaseObject : item;
            WriteObject(value switch
            {
                DateTimeOffset instant => Tai64NLabel.FromDateTimeOffset(instant).ToString(),
                DateTime time => Tai64NLabel.FromDateTimeOffset(new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Local) : time)).ToString(),
                _ => SystemClock.Instance.Now() + " " + LanguagePrimitives.ConvertTo<string>(value),
            });
        }
    }
}
