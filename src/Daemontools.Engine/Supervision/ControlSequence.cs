namespace Daemontools.Engine.Supervision;

/// <summary>
/// The bytes svc sends: each command once, in first-seen order, at most 20 (0.76's svc buffer),
/// so they fit one atomic FIFO write.
/// </summary>
public sealed class ControlSequence
{
    /// <summary>0.76's svc keeps at most this many distinct bytes.</summary>
    public const int Capacity = 20;

    /// <summary>The letters svc accepts: 0.76's, in its getopt string's order, then s6's newer ones.</summary>
    public const string Letters = "udopchaitkxq12ybrPCK";

    private readonly List<byte> _bytes = new(Capacity);

    /// <summary>Adds a command unless it is already there.</summary>
    public void Add(ControlCommand command)
    {
        byte b = (byte)command;
        if (_bytes.Count < Capacity && !_bytes.Contains(b)) _bytes.Add(b);
    }

    /// <summary>The command for an svc letter, or null for a letter svc rejects.</summary>
    public static ControlCommand? FromLetter(char letter) =>
        Letters.Contains(letter, StringComparison.Ordinal) ? (ControlCommand)(byte)letter : null;

    /// <summary>The bytes to write.</summary>
    public byte[] ToArray() => [.. _bytes];

    /// <summary>The commands in order.</summary>
    public IReadOnlyList<ControlCommand> Commands => _bytes.ConvertAll(b => (ControlCommand)b);
}
