using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class StatusExtensionTests
{
    [Fact]
    public void Round_trips_every_field_after_the_18_bytes()
    {
        var extension = new StatusExtension(
            StatusExtensionFlags.Ready | StatusExtensionFlags.WantRestart,
            Tai64NLabel.FromUnix(1_700_000_000, 5),
            Tai64NLabel.FromUnix(1_700_000_100, 7),
            256,
            15,
            42,
            4321,
            Tai64NLabel.FromUnix(1_700_000_200, 9));
        byte[] file = new byte[StatusExtension.FileLength];
        new StatusRecord(Tai64NLabel.FromUnix(1, 0), 77, 0, (byte)'u').Encode(file);
        extension.Encode(file.AsSpan(StatusRecord.Length));
        Assert.Equal(65, file.Length);
        Assert.Equal(StatusExtension.Version, file[18]);
        Assert.True(StatusExtension.TryDecode(file, out StatusExtension decoded));
        Assert.Equal(extension, decoded);
        Assert.True(StatusRecord.TryDecode(file, out StatusRecord record));
        Assert.Equal(77u, record.ProcessId);
    }

    [Fact]
    public void An_18_byte_file_or_an_unknown_version_has_no_extension()
    {
        Assert.False(StatusExtension.TryDecode(new byte[18], out _));
        byte[] file = new byte[StatusExtension.FileLength];
        file[18] = 2;
        Assert.False(StatusExtension.TryDecode(file, out _));
    }

    [Fact]
    public void Zero_times_mean_none()
    {
        byte[] file = new byte[StatusExtension.FileLength];
        new StatusExtension(StatusExtensionFlags.None, default, default, 0, 0, 0, 0, default).Encode(file.AsSpan(18));
        Assert.True(file.AsSpan(20, 24).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(StatusExtension.TryDecode(file, out StatusExtension decoded));
        Assert.False(decoded.HasDied);
    }

    [Fact]
    public void Svstat_text_adds_ready_exit_signal_finishing_and_failed_after_the_original()
    {
        var up = new StatusRecord(Tai64NLabel.FromUnix(1000, 0), 12, 0, (byte)'u');
        var ready = new StatusExtension(StatusExtensionFlags.Ready | StatusExtensionFlags.ExpectsReadiness, Tai64NLabel.FromUnix(1004, 0), default, 0, 0, 0, 0, default);
        Assert.Equal("up (pid 12) 10 seconds, ready 6 seconds", StatusLine.Format(up, ready, true, 1010));
        Assert.Equal("up (pid 12) 10 seconds", StatusLine.Format(up, null, true, 1010));
        var down = new StatusRecord(Tai64NLabel.FromUnix(1000, 0), 0, 0, (byte)'u');
        var killed = new StatusExtension(StatusExtensionFlags.Finishing, default, Tai64NLabel.FromUnix(1000, 0), 256, 15, 1, 55, default);
        Assert.Equal("down 10 seconds, normally up, want up, finishing, signal SIGTERM", StatusLine.Format(down, killed, true, 1010));
        var failed = new StatusExtension(StatusExtensionFlags.Failed, default, Tai64NLabel.FromUnix(1000, 0), 1, 0, 1, 0, default);
        var downWanted = down with { WantByte = (byte)'d' };
        Assert.Equal("down 10 seconds, normally up, exitcode 1, failed", StatusLine.Format(downWanted, failed, true, 1010));
        var later = new StatusExtension(StatusExtensionFlags.None, default, Tai64NLabel.FromUnix(1000, 0), 1, 0, 1, 0, Tai64NLabel.FromUnix(1018, 0));
        Assert.Equal("down 10 seconds, normally up, want up, exitcode 1, starting in 8 seconds", StatusLine.Format(down, later, true, 1010));
    }
}
