using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class StatusLineTests
{
    private static string Line(int pid, bool paused, ServiceWant want, bool normallyUp) =>
        StatusLine.Format(StatusRecord.From(Tai64NLabel.FromUnix(100, 0), pid, paused, want), normallyUp, 103);

    [Theory]
    [InlineData(42, false, ServiceWant.Up, true, "up (pid 42) 3 seconds")]
    [InlineData(42, true, ServiceWant.Down, false, "up (pid 42) 3 seconds, normally down, paused, want down")]
    [InlineData(42, false, ServiceWant.Once, false, "up (pid 42) 3 seconds, normally down")]
    [InlineData(0, true, ServiceWant.Up, true, "down 3 seconds, normally up, want up")]
    [InlineData(0, false, ServiceWant.Down, true, "down 3 seconds, normally up")]
    [InlineData(0, false, ServiceWant.Up, false, "down 3 seconds, want up")]
    [InlineData(0, false, ServiceWant.Down, false, "down 3 seconds")]
    public void Flags_appear_in_the_originals_order_and_states(int pid, bool paused, ServiceWant want, bool normallyUp, string expected) =>
        Assert.Equal(expected, Line(pid, paused, want, normallyUp));

    [Fact]
    public void Pid_is_printed_unsigned()
    {
        var record = new StatusRecord(Tai64NLabel.FromUnix(100, 0), 0xffffffff, 0, (byte)'u');
        Assert.Equal("up (pid 4294967295) 0 seconds", StatusLine.Format(record, true, 100));
    }
}
