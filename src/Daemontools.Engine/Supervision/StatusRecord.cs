using System.Buffers.Binary;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise/status, 18 bytes (daemontools 0.76): TAI64N of the last pid change (12 bytes, big
/// endian), the pid of ./run (4 bytes, little endian, 0 = down), the paused flag, and the want byte
/// ('u', 'd' or 0). Every byte round-trips, including values 0.76 would never write.
/// </summary>
public readonly record struct StatusRecord(Tai64NLabel Changed, uint ProcessId, byte PausedFlag, byte WantByte)
{
    /// <summary>Length of the record; readers accept longer files (runit, encore) and use the first 18 bytes.</summary>
    public const int Length = 18;

    /// <summary>Whether ./run is running.</summary>
    public bool IsUp => ProcessId != 0;

    /// <summary>Whether svstat reports ", paused": only while up.</summary>
    public bool IsPaused => IsUp && PausedFlag != 0;

    /// <summary>The want byte as a value; null for a byte supervise never writes.</summary>
    public ServiceWant? Want => WantByte switch
    {
        (byte)'u' => ServiceWant.Up,
        (byte)'d' => ServiceWant.Down,
        0 => ServiceWant.Once,
        _ => null,
    };

    /// <summary>The record supervise writes for its state (paused counts only while up).</summary>
    public static StatusRecord From(Tai64NLabel changed, int pid, bool paused, ServiceWant want) =>
        new(changed, (uint)pid, (byte)(pid != 0 && paused ? 1 : 0), (byte)want);

    /// <summary>The phase this record shows, refined by <paramref name="extension"/> when the status is extended.</summary>
    public ServicePhase Phase(StatusExtension? extension)
    {
        if (extension is not StatusExtension x) return IsUp ? ServicePhase.Up : ServicePhase.Down;
        if (!IsUp) return x.IsFinishing ? ServicePhase.Finishing : ServicePhase.Down;
        if (Want == ServiceWant.Down || x.WantsRestart) return ServicePhase.Stopping;
        if (x.IsReady) return ServicePhase.Ready;
        return x.ExpectsReadiness ? ServicePhase.Starting : ServicePhase.Up;
    }

    /// <summary>Writes the 18 bytes.</summary>
    public void Encode(Span<byte> destination)
    {
        if (destination.Length < Length) throw new ArgumentException("an 18-byte buffer is needed", nameof(destination));
        Changed.Pack(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], ProcessId);
        destination[16] = PausedFlag;
        destination[17] = WantByte;
    }

    /// <summary>The 18 bytes as an array.</summary>
    public byte[] ToBytes()
    {
        byte[] bytes = new byte[Length];
        Encode(bytes);
        return bytes;
    }

    /// <summary>Reads the first 18 bytes; false when there are fewer (svstat's "bad format").</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out StatusRecord record)
    {
        if (source.Length < Length)
        {
            record = default;
            return false;
        }
        record = new StatusRecord(
            Tai64NLabel.Unpack(source),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            source[16],
            source[17]);
        return true;
    }

    /// <summary>
    /// svstat's "N seconds": whole seconds from the stamp to <paramref name="nowUnixSeconds"/>, 0 when the
    /// stamp lies in the future, passed through a double as 0.76's tai_approx does (huge values round).
    /// </summary>
    public ulong SecondsSince(long nowUnixSeconds)
    {
        ulong now = Tai64NLabel.UnixEpoch + (ulong)nowUnixSeconds;
        ulong when = Changed.Seconds;
        if (now < when) return 0;
        double approx = now - when;
        return approx >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)approx;
    }
}
