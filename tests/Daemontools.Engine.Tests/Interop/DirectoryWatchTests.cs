using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class DirectoryWatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dt-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_watch_reports_a_name_renamed_into_the_directory()
    {
        Errno errno = DirectoryWatch.Create(_dir, out DirectoryWatch? created);
        using DirectoryWatch watch = created ?? throw new InvalidOperationException($"inotify: errno {errno}");
        Assert.False(watch.Drain());
        string staged = Directory.CreateTempSubdirectory("dt-staged-").FullName;
        Directory.Move(staged, Path.Combine(_dir, "svc"));

        Poll.WaitReadable([watch.Descriptor], 10_000);

        Assert.True(watch.Drain());
    }
}
