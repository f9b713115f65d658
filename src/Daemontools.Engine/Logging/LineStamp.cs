using Daemontools.Engine.Time;

namespace Daemontools.Engine.Logging;

/// <summary>Formats the stamp put in front of lines: TAI64N ('t') or ISO 8601 UTC ('T'), each followed by a space.</summary>
internal static class LineStamp
{
    /// <summary>Bytes of a 't' stamp with its space.</summary>
    public const int Tai64NLength = Tai64NLabel.TextLength + 1;

    /// <summary>Bytes of a 'T' stamp with its space: "YYYY-MM-DDTHH:MM:SS.ffffffZ ".</summary>
    public const int Iso8601Length = 28;

    public static int LengthOf(TimestampStyle style) => style switch
    {
        TimestampStyle.Tai64N => Tai64NLength,
        TimestampStyle.Iso8601 => Iso8601Length,
        _ => 0,
    };

    /// <summary>Writes the stamp for <paramref name="now"/> into <paramref name="destination"/>.</summary>
    public static void Format(TimestampStyle style, Tai64NLabel now, Span<byte> destination)
    {
        if (style == TimestampStyle.Tai64N)
        {
            now.Format(destination);
            destination[Tai64NLabel.TextLength] = (byte)' ';
            return;
        }
        DateTime utc = DateTime.UnixEpoch.AddSeconds(now.UnixSeconds);
        int micro = (int)(now.Nanoseconds / 1000);
        Digits(destination[..4], utc.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), utc.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), utc.Day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), utc.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), utc.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), utc.Second);
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 6), micro);
        destination[26] = (byte)'Z';
        destination[27] = (byte)' ';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
