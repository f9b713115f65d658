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
    public void Only_the_eleven_letters_of_svc_are_commands()
    {
        Assert.All(ControlSequence.Letters, c => Assert.NotNull(ControlSequence.FromLetter(c)));
        Assert.Null(ControlSequence.FromLetter('q'));
        Assert.Null(ControlSequence.FromLetter('U'));
        Assert.Equal((byte)'k', (byte)ControlCommand.Kill);
    }
}
