using System.Buffers.Binary;

namespace Daemontools.Engine.Time;

/// <summary>
/// A TAI64N label as daemontools practises it: TAI64 seconds = 2^62 + 10 + Unix seconds
/// (no leap-second table), plus nanoseconds. External form: '@' and 24 lowercase hex digits.
/// </summary>
public readonly struct Tai64NLabel : IEquatable<Tai64NLabel>, IComparable<Tai64NLabel>
{
    /// <summary>2^62 + 10: the TAI64 value of the Unix epoch under daemontools' clock model.</summary>
    public const ulong UnixEpoch = 4611686018427387914UL;

    /// <summary>Length of the external form: '@' + 24 hex digits.</summary>
    public const int TextLength = 25;

    /// <summary>Length of the packed form (8 bytes of seconds, 4 of nanoseconds, big-endian).</summary>
    public const int PackedLength = 12;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Creates a label from its TAI64 seconds and nanoseconds.</summary>
    public Tai64NLabel(ulong seconds, uint nanoseconds)
    {
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>TAI64 seconds.</summary>
    public ulong Seconds { get; }

    /// <summary>Nanoseconds within the second.</summary>
    public uint Nanoseconds { get; }

    /// <summary>Seconds since the Unix epoch.</summary>
    public long UnixSeconds => (long)(Seconds - UnixEpoch);

    /// <summary>The label for a Unix time.</summary>
    public static Tai64NLabel FromUnix(long unixSeconds, uint nanoseconds) =>
        new(UnixEpoch + (ulong)unixSeconds, nanoseconds);

    /// <summary>
    /// The label the originals write for a clock reading: nanoseconds derived from
    /// microseconds as 1000 * usec + 500, as daemontools' taia_now does.
    /// </summary>
    public static Tai64NLabel FromClock(long unixSeconds, long nanoseconds) =>
        FromUnix(unixSeconds, (uint)(nanoseconds / 1000 * 1000 + 500));

    /// <summary>The exact label of an instant (nanoseconds from its ticks).</summary>
    public static Tai64NLabel FromDateTimeOffset(DateTimeOffset instant)
    {
        long ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return FromUnix(seconds, (uint)(rest * 100));
    }

    /// <summary>The instant as a UTC DateTimeOffset (to the 100 ns tick).</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddSeconds(UnixSeconds).AddTicks(Nanoseconds / 100);

    /// <summary>Parses exactly '@' followed by 24 lowercase hex digits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out Tai64NLabel label)
    {
        label = default;
        if (text.Length != TextLength || text[0] != (byte)'@') return false;
        if (!TryParseHex(text.Slice(1, 16), out ulong seconds)) return false;
        if (!TryParseHex(text.Slice(17, 8), out ulong nanos)) return false;
        label = new Tai64NLabel(seconds, (uint)nanos);
        return true;
    }

    /// <summary>Parses exactly '@' followed by 24 lowercase hex digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Tai64NLabel label)
    {
        label = default;
        if (text.Length != TextLength) return false;
        Span<byte> bytes = stackalloc byte[TextLength];
        for (int i = 0; i < TextLength; i++)
        {
            if (text[i] > 0x7f) return false;
            bytes[i] = (byte)text[i];
        }
        return TryParse(bytes, out label);
    }

    /// <summary>Parses the strict external form or throws <see cref="FormatException"/>.</summary>
    public static Tai64NLabel Parse(string text) =>
        TryParse(text.AsSpan(), out Tai64NLabel label)
            ? label
            : throw new FormatException($"'{text}' is not a TAI64N label ('@' and 24 lowercase hex digits).");

    /// <summary>Writes the 25-byte external form into <paramref name="destination"/>.</summary>
    public void Format(Span<byte> destination)
    {
        destination[0] = (byte)'@';
        WriteHex(destination.Slice(1, 16), Seconds);
        WriteHex(destination.Slice(17, 8), Nanoseconds);
    }

    /// <summary>Writes the 12-byte packed form (as in supervise/status).</summary>
    public void Pack(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, Seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Nanoseconds);
    }

    /// <summary>Reads the 12-byte packed form.</summary>
    public static Tai64NLabel Unpack(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt32BigEndian(source[8..]));

    /// <summary>The external form, '@' and 24 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> text = stackalloc byte[TextLength];
        Format(text);
        return System.Text.Encoding.ASCII.GetString(text);
    }

    public bool Equals(Tai64NLabel other) => Seconds == other.Seconds && Nanoseconds == other.Nanoseconds;

    public override bool Equals(object? obj) => obj is Tai64NLabel other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Seconds, Nanoseconds);

    public int CompareTo(Tai64NLabel other) =>
        Seconds != other.Seconds ? Seconds.CompareTo(other.Seconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator ==(Tai64NLabel left, Tai64NLabel right) => left.Equals(right);

    public static bool operator !=(Tai64NLabel left, Tai64NLabel right) => !left.Equals(right);

    public static bool operator <(Tai64NLabel left, Tai64NLabel right) => left.CompareTo(right) < 0;

    public static bool operator >(Tai64NLabel left, Tai64NLabel right) => left.CompareTo(right) > 0;

    public static bool operator <=(Tai64NLabel left, Tai64NLabel right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Tai64NLabel left, Tai64NLabel right) => left.CompareTo(right) >= 0;

    private static void WriteHex(Span<byte> destination, ulong value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = HexDigits[(int)(value & 0xf)];
            value >>= 4;
        }
    }

    private static bool TryParseHex(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            int d = HexValue(b);
            if (d < 0) return false;
            value = (value << 4) | (uint)d;
        }
        return true;
    }

    /// <summary>The value of a lowercase hex digit, or -1 (uppercase is not a digit here, as in the originals).</summary>
    internal static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
