using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Time;

/// <summary>
/// Formats Unix seconds as tai64nlocal does: "YYYY-MM-DD HH:MM:SS" in local time through the
/// C library's localtime_r (so TZ, the system zone, DST and right/ zones behave exactly as in
/// the original). The last second is cached: consecutive log lines mostly share it.
/// </summary>
public sealed class LocalTimeFormatter
{
    /// <summary>Bytes of the fraction: '.' and nine digits.</summary>
    public const int FractionLength = 10;

    private readonly byte[] _cached = new byte[32];
    private long _cachedSeconds = long.MinValue;
    private int _cachedLength;

    /// <summary>
    /// Writes the date and time of <paramref name="unixSeconds"/> into <paramref name="destination"/>
    /// (at least 32 bytes) and returns the length, or -1 if the C library cannot represent it.
    /// </summary>
    public int FormatSeconds(long unixSeconds, Span<byte> destination)
    {
        if (unixSeconds != _cachedSeconds)
        {
            if (!RealTime.TryLocalTime(unixSeconds, out RealTime.Tm tm)) return -1;
            _cachedLength = Write(tm, _cached);
            _cachedSeconds = unixSeconds;
        }
        _cached.AsSpan(0, _cachedLength).CopyTo(destination);
        return _cachedLength;
    }

    /// <summary>
    /// Writes the full tai64nlocal rendering "YYYY-MM-DD HH:MM:SS.nnnnnnnnn"; returns the length
    /// or -1. <paramref name="destination"/> needs 48 bytes.
    /// </summary>
    public int Format(long unixSeconds, ulong nanoseconds, Span<byte> destination)
    {
        int n = FormatSeconds(unixSeconds, destination);
        if (n < 0) return -1;
        destination[n++] = (byte)'.';
        return n + WriteZeroPadded(destination[n..], nanoseconds, 9);
    }

    /// <summary>The tai64nlocal rendering of a label, or null where localtime cannot represent it.</summary>
    public string? Format(Tai64NLabel label)
    {
        Span<byte> buffer = stackalloc byte[48];
        int n = Format(label.UnixSeconds, label.Nanoseconds, buffer);
        return n < 0 ? null : System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }

    private static int Write(in RealTime.Tm tm, Span<byte> d)
    {
        // The year is printed unpadded and unsigned, as fmt_ulong does in the original.
        int n = WriteUnsigned(d, (ulong)(long)(tm.Year + 1900));
        d[n++] = (byte)'-';
        n += WriteZeroPadded(d[n..], (ulong)(tm.Month + 1), 2);
        d[n++] = (byte)'-';
        n += WriteZeroPadded(d[n..], (ulong)tm.Day, 2);
        d[n++] = (byte)' ';
        n += WriteZeroPadded(d[n..], (ulong)tm.Hour, 2);
        d[n++] = (byte)':';
        n += WriteZeroPadded(d[n..], (ulong)tm.Minute, 2);
        d[n++] = (byte)':';
        n += WriteZeroPadded(d[n..], (ulong)tm.Second, 2);
        return n;
    }

    private static int WriteUnsigned(Span<byte> d, ulong value)
    {
        int digits = 1;
        for (ulong v = value; v >= 10; v /= 10) digits++;
        return WriteZeroPadded(d, value, digits);
    }

    /// <summary>Writes at least <paramref name="width"/> digits, more if the value needs them.</summary>
    private static int WriteZeroPadded(Span<byte> d, ulong value, int width)
    {
        int digits = 1;
        for (ulong v = value; v >= 10; v /= 10) digits++;
        int length = Math.Max(digits, width);
        for (int i = length - 1; i >= 0; i--)
        {
            d[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        return length;
    }
}
