using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class ControlSequenceTests
{
    [Fact]
    public void Duplicates_are_dropped_and_first_seen_order_kept()
    {
        var sequence = new ControlSequence();
        foreach (char c in "uuddupcohaitkxu") sequence.Add(ControlSequence.FromLetter(c)!.Value);
        Assert.Equal("udpcohaitkx"u8.ToArray(), sequence.ToArray());
    }

    [Fact]
    public void Only_the_letters_of_svc_are_commands()
    {
        Assert.All(ControlSequence.Letters, c => Assert.NotNull(ControlSequence.FromLetter(c)));
        Assert.Equal(20, ControlSequence.Letters.Length);
        foreach (char garbage in "zZ? U") Assert.Null(ControlSequence.FromLetter(garbage));
        Assert.Equal((byte)'k', (byte)ControlCommand.Kill);
    }
}
