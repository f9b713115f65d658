using System.Buffers.Binary;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// What supervise/status holds after 0.76's 18 bytes, for a service directory that uses one of the
/// new files (finish, notification-fd, timeout-kill, ...; see <see cref="ServiceSettings"/>). A
/// directory without them keeps the 18-byte file, because parsers that unpack exactly 18 bytes
/// exist (Python's struct.unpack, scripts testing the size). Written in the same write and rename
/// as the first 18 bytes. Every integer is little endian, as 0.76's pid is.
/// <code>
/// offset size  field
///  0     18    0.76's record, unchanged (<see cref="StatusRecord"/>)
/// 18      1    extension version: 1
/// 19      1    flags: 0x01 ready, 0x02 ./finish running, 0x04 failed permanently,
///              0x08 restart wanted (svc -r), 0x10 readiness expected (notification-fd)
/// 20     12    TAI64N: when ./run said it was ready (zero unless ready)
/// 32     12    TAI64N: when ./run last died (zero before the first death)
/// 44      2    last death: exit code 0..255, or 256 when a signal killed ./run
/// 46      1    last death: the signal's number (0 when ./run exited)
/// 47      2    deaths remembered in supervise/death_tally
/// 49      4    pid of ./finish while it runs (0 otherwise)
/// 53     12    TAI64N: when the next start of ./run is due (zero when none is owed)
/// </code>
/// </summary>
public readonly record struct StatusExtension(
    StatusExtensionFlags Flags,
    Tai64NLabel ReadySince,
    Tai64NLabel LastDeath,
    int LastExitCode,
    int LastSignal,
    int Deaths,
    int FinishPid,
    Tai64NLabel NextStart)
{
    /// <summary>The version byte this layout writes.</summary>
    public const byte Version = 1;

    /// <summary>Bytes after the 18th.</summary>
    public const int Length = 47;

    /// <summary>The whole file: 0.76's record and the extension.</summary>
    public const int FileLength = StatusRecord.Length + Length;

    /// <summary>./run said it is ready (cleared when it dies).</summary>
    public bool IsReady => (Flags & StatusExtensionFlags.Ready) != 0;

    /// <summary>./finish is running: ./run is dead but may not be started yet.</summary>
    public bool IsFinishing => (Flags & StatusExtensionFlags.Finishing) != 0;

    /// <summary>finish exited 125 or the restart policy gave up: not restarted until svc -u or -o.</summary>
    public bool HasFailed => (Flags & StatusExtensionFlags.Failed) != 0;

    /// <summary>svc -r was received: ./run is started again when it dies.</summary>
    public bool WantsRestart => (Flags & StatusExtensionFlags.WantRestart) != 0;

    /// <summary>notification-fd was in effect when this ./run started.</summary>
    public bool ExpectsReadiness => (Flags & StatusExtensionFlags.ExpectsReadiness) != 0;

    /// <summary>True once ./run has died at least once under this supervise.</summary>
    public bool HasDied => LastDeath.Seconds != 0;

    /// <summary>True when the last death was a signal.</summary>
    public bool LastDeathWasSignal => LastExitCode == 256;

    /// <summary>Writes the <see cref="Length"/> bytes that follow 0.76's record.</summary>
    public void Encode(Span<byte> destination)
    {
        if (destination.Length < Length) throw new ArgumentException("a 47-byte buffer is needed", nameof(destination));
        destination[0] = Version;
        destination[1] = (byte)Flags;
        Pack(ReadySince, destination[2..]);
        Pack(LastDeath, destination[14..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[26..], (ushort)LastExitCode);
        destination[28] = (byte)LastSignal;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[29..], (ushort)Deaths);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[31..], (uint)FinishPid);
        Pack(NextStart, destination[35..]);
    }

    /// <summary>Reads the extension from a whole status file; false for an 18-byte file or an unknown version.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> file, out StatusExtension extension)
    {
        extension = default;
        if (file.Length < FileLength || file[StatusRecord.Length] != Version) return false;
        ReadOnlySpan<byte> source = file[StatusRecord.Length..];
        extension = new StatusExtension(
            (StatusExtensionFlags)source[1],
            Unpack(source[2..]),
            Unpack(source[14..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[26..]),
            source[28],
            BinaryPrimitives.ReadUInt16LittleEndian(source[29..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(source[31..]),
            Unpack(source[35..]));
        return true;
    }

    // A zero label means "none": TAI64N 0 is long before any real event.
    private static void Pack(Tai64NLabel label, Span<byte> destination)
    {
        if (label.Seconds == 0) destination[..Tai64NLabel.PackedLength].Clear();
        else label.Pack(destination);
    }

    private static Tai64NLabel Unpack(ReadOnlySpan<byte> source) => Tai64NLabel.Unpack(source);
}
