using Daemontools.Engine.Time;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// One death of ./run as supervise/death_tally records it, in s6's 14-byte format (so s6-svdt
/// reads ours): TAI64N, then the exit code (128 + signal when signalled), then the signal (0 when it exited).
/// </summary>
public readonly record struct Death(Tai64NLabel Time, int ExitCode, int Signal)
{
    /// <summary>Bytes per record.</summary>
    public const int Length = Tai64NLabel.PackedLength + 2;

    /// <summary>A signal ended ./run.</summary>
    public bool WasSignaled => Signal != 0;

    /// <summary>The death of a process with this waitpid status, at <paramref name="time"/>.</summary>
    public static Death From(Tai64NLabel time, bool signaled, int exitCodeOrSignal) =>
        signaled ? new Death(time, 128 + exitCodeOrSignal, exitCodeOrSignal) : new Death(time, exitCodeOrSignal, 0);

    /// <summary>Writes the 14 bytes.</summary>
    public void Encode(Span<byte> destination)
    {
        Time.Pack(destination);
        destination[Tai64NLabel.PackedLength] = (byte)ExitCode;
        destination[Tai64NLabel.PackedLength + 1] = (byte)Signal;
    }

    /// <summary>Reads 14 bytes.</summary>
    public static Death Decode(ReadOnlySpan<byte> source) =>
        new(Tai64NLabel.Unpack(source), source[Tai64NLabel.PackedLength], source[Tai64NLabel.PackedLength + 1]);
}
