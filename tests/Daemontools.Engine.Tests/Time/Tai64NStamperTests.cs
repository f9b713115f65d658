using System.Buffers;
using System.Text;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Time;

public sealed class Tai64NStamperTests
{
    private static readonly Tai64NLabel First = Tai64NLabel.FromUnix(1000, 500);
    private static readonly Tai64NLabel Second = Tai64NLabel.FromUnix(2000, 500);

    private static string Stamp(Tai64NStamper stamper, params string[] chunks)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (string chunk in chunks) stamper.Stamp(Encoding.ASCII.GetBytes(chunk), output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Every_line_gets_its_own_label_and_a_space()
    {
        var clock = new FixedClock(First, Second);
        Assert.Equal($"{First} one\n{Second} two\n", Stamp(new Tai64NStamper(clock), "one\ntwo\n"));
    }

    [Fact]
    public void A_line_split_across_reads_is_labelled_once_when_its_first_byte_arrives()
    {
        var clock = new FixedClock(First, Second);
        var stamper = new Tai64NStamper(clock);
        Assert.Equal($"{First} hel", Stamp(stamper, "hel"));
        Assert.Equal(1, clock.Readings);
        Assert.Equal("lo\n", Stamp(stamper, "lo\n"));
        Assert.Equal(1, clock.Readings);
    }

    [Fact]
    public void No_label_is_taken_before_the_next_line_has_a_byte()
    {
        var clock = new FixedClock(First, Second);
        var stamper = new Tai64NStamper(clock);
        Stamp(stamper, "a\n");
        Assert.Equal(1, clock.Readings);
        Assert.Equal($"{Second} b", Stamp(stamper, "b"));
    }

    [Fact]
    public void Empty_lines_are_stamped_and_a_partial_last_line_stays_partial()
    {
        var clock = new FixedClock(First);
        Assert.Equal($"{First} \n{First} \n{First} end", Stamp(new Tai64NStamper(clock), "\n\nend"));
    }
}
