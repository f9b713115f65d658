using System.Buffers;

namespace Daemontools.Engine.Time;

/// <summary>
/// tai64nlocal's transformation as a stream: a line starting with '@' has its hex label replaced
/// by local time "YYYY-MM-DD HH:MM:SS.nnnnnnnnn"; everything else passes through. The label is
/// decoded with the original's arithmetic, but where the original would crash (localtime fails
/// on a malformed label) the label passes through unchanged.
/// </summary>
public sealed class Tai64NLocalConverter
{
    private enum State
    {
        LineStart,
        Label,
        Rest,
    }

    private readonly LocalTimeFormatter _formatter = new();
    private readonly ArrayBufferWriter<byte> _label = new(64);
    private State _state = State.LineStart;
    private ulong _seconds;
    private ulong _nanoseconds;

    /// <summary>Converts a chunk of input into <paramref name="output"/>; lines and labels may span chunks.</summary>
    public void Convert(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        while (!chunk.IsEmpty)
        {
            switch (_state)
            {
                case State.LineStart:
                    if (chunk[0] == (byte)'@')
                    {
                        _label.Clear();
                        _label.Write("@"u8);
                        _seconds = 0;
                        _nanoseconds = 0;
                        chunk = chunk[1..];
                        _state = State.Label;
                    }
                    else
                    {
                        _state = State.Rest;
                    }
                    break;

                case State.Label:
                    int digits = 0;
                    while (digits < chunk.Length && Accumulate(chunk[digits])) digits++;
                    _label.Write(chunk[..digits]);
                    chunk = chunk[digits..];
                    if (!chunk.IsEmpty)
                    {
                        EmitLabel(output);
                        _state = State.Rest; // the terminating byte is copied as part of the rest
                    }
                    break;

                case State.Rest:
                    int newline = chunk.IndexOf((byte)'\n');
                    int take = newline < 0 ? chunk.Length : newline + 1;
                    output.Write(chunk[..take]);
                    chunk = chunk[take..];
                    if (newline >= 0) _state = State.LineStart;
                    break;
            }
        }
    }

    /// <summary>Ends the stream: a label cut off by end of input is still converted.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        if (_state == State.Label) EmitLabel(output);
        _state = State.LineStart;
    }

    /// <summary>Feeds one byte into the label arithmetic of the original; false at the first non-digit.</summary>
    private bool Accumulate(byte b)
    {
        int d = Tai64NLabel.HexValue(b);
        if (d < 0) return false;
        _seconds = (_seconds << 4) + (_nanoseconds >> 28);
        _nanoseconds = ((_nanoseconds & 0xfffffff) << 4) + (uint)d;
        return true;
    }

    private void EmitLabel(IBufferWriter<byte> output)
    {
        long unixSeconds = unchecked((long)(_seconds - Tai64NLabel.UnixEpoch));
        Span<byte> text = output.GetSpan(64);
        int n = _formatter.Format(unixSeconds, _nanoseconds, text);
        if (n >= 0) output.Advance(n);
        else output.Write(_label.WrittenSpan);
    }
}
