using System.Buffers;

namespace Daemontools.Engine.Time;

/// <summary>
/// tai64n's transformation as a stream: every line gets "@label " in front, the label taken
/// when the line's first byte is processed. A partial last line stays partial.
/// </summary>
public sealed class Tai64NStamper
{
    private readonly IClock _clock;
    private bool _atLineStart = true;

    /// <summary>Creates a stamper reading <paramref name="clock"/>.</summary>
    public Tai64NStamper(IClock clock) => _clock = clock;

    /// <summary>Stamps a chunk of input into <paramref name="output"/>; lines may span chunks.</summary>
    public void Stamp(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        while (!chunk.IsEmpty)
        {
            if (_atLineStart)
            {
                Span<byte> prefix = output.GetSpan(Tai64NLabel.TextLength + 1);
                _clock.Now().Format(prefix);
                prefix[Tai64NLabel.TextLength] = (byte)' ';
                output.Advance(Tai64NLabel.TextLength + 1);
                _atLineStart = false;
            }
            int newline = chunk.IndexOf((byte)'\n');
            int take = newline < 0 ? chunk.Length : newline + 1;
            output.Write(chunk[..take]);
            chunk = chunk[take..];
            _atLineStart = newline >= 0;
        }
    }
}
