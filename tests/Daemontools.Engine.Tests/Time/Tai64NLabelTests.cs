using System.Text;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Time;

public sealed class Tai64NLabelTests
{
    [Fact]
    public void Unix_epoch_is_two_to_the_62_plus_10()
    {
        Assert.Equal("@400000000000000a00000000", Tai64NLabel.FromUnix(0, 0).ToString());
    }

    [Fact]
    public void Clock_readings_get_nanoseconds_from_microseconds_plus_500_as_taia_now()
    {
        Tai64NLabel label = Tai64NLabel.FromClock(1, 787_492_999);
        Assert.Equal(787_492_500u, label.Nanoseconds);
        Assert.Equal(1, label.UnixSeconds);
    }

    [Fact]
    public void Documented_example_label_decodes_to_its_instant()
    {
        Tai64NLabel label = Tai64NLabel.Parse("@4000000037c219bf2ef02e94");
        Assert.Equal(0x37c219bfL - 10, label.UnixSeconds);
        Assert.Equal(0x2ef02e94u, label.Nanoseconds);
        Assert.Equal(new DateTimeOffset(1999, 8, 24, 4, 4, 5, TimeSpan.Zero).AddTicks(7874925), label.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("@4000000037c219bf2ef02e94")]
    [InlineData("@400000000000000a00000000")]
    [InlineData("@7fffffffffffffff3b9ac9ff")]
    public void Format_and_parse_round_trip(string text)
    {
        Tai64NLabel label = Tai64NLabel.Parse(text);
        Assert.Equal(text, label.ToString());
        Span<byte> packed = stackalloc byte[Tai64NLabel.PackedLength];
        label.Pack(packed);
        Assert.Equal(label, Tai64NLabel.Unpack(packed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("4000000037c219bf2ef02e94")]
    [InlineData("@4000000037C219BF2EF02E94")]
    [InlineData("@4000000037c219bf2ef02e9")]
    [InlineData("@4000000037c219bf2ef02e945")]
    [InlineData("@4000000037c219bf2ef02e9g")]
    [InlineData("@ 000000037c219bf2ef02e94")]
    [InlineData("x4000000037c219bf2ef02e94")]
    public void Parse_is_strict(string text)
    {
        Assert.False(Tai64NLabel.TryParse(text.AsSpan(), out _));
        Assert.False(Tai64NLabel.TryParse(Encoding.ASCII.GetBytes(text), out _));
        Assert.Throws<FormatException>(() => Tai64NLabel.Parse(text));
    }

    [Fact]
    public void Packed_form_is_big_endian_seconds_then_nanoseconds()
    {
        Span<byte> packed = stackalloc byte[Tai64NLabel.PackedLength];
        Tai64NLabel.Parse("@4000000037c219bf2ef02e94").Pack(packed);
        Assert.Equal(Convert.FromHexString("4000000037c219bf2ef02e94"), packed.ToArray());
    }

    [Fact]
    public void DateTimeOffset_round_trips_to_the_tick_including_before_1970()
    {
        var instants = new[]
        {
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567),
            new DateTimeOffset(2038, 1, 19, 3, 14, 8, TimeSpan.FromHours(2)).AddTicks(9999999),
        };
        foreach (DateTimeOffset instant in instants)
        {
            Assert.Equal(instant.UtcDateTime, Tai64NLabel.FromDateTimeOffset(instant).ToDateTimeOffset().UtcDateTime);
        }
        Assert.Equal("@400000006592008a00000000", Tai64NLabel.FromDateTimeOffset(instants[0]).ToString());
    }

    [Fact]
    public void Labels_order_by_time()
    {
        var earlier = Tai64NLabel.FromUnix(100, 999_999_999);
        var later = Tai64NLabel.FromUnix(101, 0);
        Assert.True(earlier < later);
        Assert.True(later >= earlier);
        Assert.NotEqual(earlier, later);
    }

    [Fact]
    public void System_clock_reads_now_with_the_500_nanosecond_mark()
    {
        Tai64NLabel before = Tai64NLabel.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1));
        Tai64NLabel now = SystemClock.Instance.Now();
        Tai64NLabel after = Tai64NLabel.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(before <= now && now <= after);
        Assert.Equal(500u, now.Nanoseconds % 1000);
    }
}
