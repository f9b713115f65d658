using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class DirectoryWatchTests
{
    [Fact]
    public void A_watch_reports_a_name_renamed_into_thedirectory()
    {
        using var temp = new TempDirectory("dt-watch-");
        Errno errno = DirectoryWatch.Create(temp.Path, out DirectoryWatch? created);
        using DirectoryWatch watch = created ?? throw new InvalidOperationException($"inotify: errno {errno}");
        Assert.False(watch.Drain());
        string staged = Directory.CreateTempSubdirectory("dt-staged-").FullName;
        Directory.Move(staged, Path.Combine(temp.Path, "svc"));

        Poll.WaitReadable([watch.Descriptor], 10_000);

        Assert.True(watch.Drain());
    }
}
