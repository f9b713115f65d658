using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;

namespace Daemontools.Engine.Tests.Scanning;

public sealed class ScanDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dt-scan-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_lock_names_its_holder_and_is_free_once_closed()
    {
        string path = Path.Combine(_dir, ScanDirectory.LockName);
        Assert.Equal(0, ScanDirectory.ScannerPid(_dir));

        int fd = PidLockFile.TryAcquire(path, out int errno);
        Assert.True(fd >= 0, $"errno {errno}");
        try
        {
            Assert.Equal(Environment.ProcessId, ScanDirectory.ScannerPid(_dir));
            Assert.Equal(-1, PidLockFile.TryAcquire(path, out errno));
            Assert.Equal(Errno.EAGAIN, errno);
        }
        finally
        {
            Descriptor.Close(fd);
        }
        Assert.Equal(0, ScanDirectory.ScannerPid(_dir));
    }

    [Fact]
    public void Listing_gives_every_name_including_dot_names_and_identity_follows_symlinks()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a"));
        Directory.CreateDirectory(Path.Combine(_dir, ".hidden"));
        File.WriteAllText(Path.Combine(_dir, "file"), "x");
        File.CreateSymbolicLink(Path.Combine(_dir, "link"), Path.Combine(_dir, "a"));
        var names = new List<string>();

        Assert.True(DirectoryListing.TryRead(_dir, names, out _));

        Assert.Equal([".", "..", ".hidden", "a", "file", "link"], names.Order(StringComparer.Ordinal));
        Assert.True(FileIdentity.TryStat(Path.Combine(_dir, "a"), out FileIdentity a, out _));
        Assert.True(FileIdentity.TryStat(Path.Combine(_dir, "link"), out FileIdentity link, out _));
        Assert.True(a.IsDirectory);
        Assert.Equal(a, link);
        Assert.True(FileIdentity.TryStat(Path.Combine(_dir, "file"), out FileIdentity file, out _));
        Assert.False(file.IsDirectory);
        Assert.False(FileIdentity.TryStat(Path.Combine(_dir, "missing"), out _, out int errno));
        Assert.Equal(Errno.ENOENT, errno);
    }

    [Fact]
    public void A_watch_reports_a_name_renamed_into_the_directory()
    {
        using DirectoryWatch watch = DirectoryWatch.TryCreate(_dir, out int errno) ?? throw new InvalidOperationException($"inotify: errno {errno}");
        Assert.False(watch.Drain());
        string staged = Directory.CreateTempSubdirectory("dt-staged-").FullName;
        Directory.Move(staged, Path.Combine(_dir, "svc"));

        Poller.WaitReadable([watch.Descriptor], 10_000);

        Assert.True(watch.Drain());
    }

    [Fact]
    public void The_process_title_is_found_only_for_the_real_last_argument()
    {
        Assert.Null(ProcessTitle.FindLastArgument("an argument this process was not given"));
    }
}
