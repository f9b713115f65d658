using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class StatusRecordTests
{
    // Written by Debian's supervise 0.76 for pid 18141, running, not paused, want up.
    private static readonly byte[] Debian = [0x40, 0, 0, 0, 0x6b, 0x04, 0xa1, 0x47, 0x09, 0xa7, 0x2b, 0x24, 0xdd, 0x46, 0, 0, 0, 0x75];

    [Fact]
    public void Decodes_the_bytes_of_the_original()
    {
        Assert.True(StatusRecord.TryDecode(Debian, out StatusRecord record));
        Assert.Equal(18141u, record.ProcessId);
        Assert.True(record.IsUp);
        Assert.False(record.IsPaused);
        Assert.Equal(ServiceWant.Up, record.Want);
        Assert.Equal(0x400000006b04a147UL, record.Changed.Seconds);
        Assert.Equal(0x09a72b24u, record.Changed.Nanoseconds);
    }

    [Fact]
    public void Encodes_pid_little_endian_after_a_big_endian_stamp()
    {
        var record = StatusRecord.From(new Tai64NLabel(0x400000006b04a147UL, 0x09a72b24u), 18141, paused: false, ServiceWant.Up);
        Assert.Equal(Debian, record.ToBytes());
    }

    [Fact]
    public void Paused_flag_is_written_only_while_up_and_want_once_is_zero()
    {
        var down = StatusRecord.From(default, 0, paused: true, ServiceWant.Once);
        Assert.Equal(0, down.ToBytes()[16]);
        Assert.Equal(0, down.ToBytes()[17]);
        var up = StatusRecord.From(default, 7, paused: true, ServiceWant.Down);
        Assert.Equal(1, up.ToBytes()[16]);
        Assert.Equal((byte)'d', up.ToBytes()[17]);
    }

    [Fact]
    public void Fewer_than_18_bytes_is_a_bad_format_and_more_are_ignored()
    {
        Assert.False(StatusRecord.TryDecode(Debian.AsSpan(0, 17), out _));
        byte[] runit = [.. Debian, 0, 1];
        Assert.True(StatusRecord.TryDecode(runit, out StatusRecord record));
        Assert.Equal(Debian, record.ToBytes());
    }

    [Fact]
    public void Every_byte_round_trips_even_values_supervise_never_writes()
    {
        byte[] garbage = [.. Enumerable.Range(200, 18).Select(i => (byte)i)];
        Assert.True(StatusRecord.TryDecode(garbage, out StatusRecord record));
        Assert.Equal(garbage, record.ToBytes());
        Assert.Null(record.Want);
    }

    [Fact]
    public void Seconds_are_clamped_to_zero_for_a_future_stamp_and_rounded_through_a_double_when_huge()
    {
        var record = StatusRecord.From(Tai64NLabel.FromUnix(1000, 0), 1, false, ServiceWant.Up);
        Assert.Equal(0UL, record.SecondsSince(999));
        Assert.Equal(5UL, record.SecondsSince(1005));
        var zero = new StatusRecord(new Tai64NLabel(0, 0), 0, 0, 0);
        ulong exact = Tai64NLabel.UnixEpoch + 1_700_000_000UL;
        Assert.Equal((ulong)(double)exact, zero.SecondsSince(1_700_000_000));
    }
}
