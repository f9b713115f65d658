namespace Daemontools.PowerShell;

/// <summary>
/// Rebuilds a live Tai64NEntry from one that crossed a remoting boundary, in a session with the
/// module loaded: the raw line is all an entry is made of, and the live object keeps its methods
/// (ToString() is tai64nlocal's line).
/// </summary>
public sealed class Tai64NEntryConverter : PSTypeConverter
{
    public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
        destinationType == typeof(Tai64NEntry) && sourceValue is PSObject { Properties: var p } && p["Line"]?.Value is string;

    public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        sourceValue is PSObject { Properties: var p } && p["Line"]?.Value is string line
            ? Tai64NEntry.Parse(line)
            : throw new PSInvalidCastException($"Cannot convert {sourceValue} to {nameof(Tai64NEntry)}.");

    public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

    public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        throw new NotSupportedException();
}
