using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

/// <summary>Paths and directories: listing, identity through stat, watching for new names.</summary>
public sealed class DirectoryTests
{
    [Fact]
    public void Listing_gives_every_name_including_dot_names_and_identity_follows_symlinks()
    {
        using var temp = new TempDirectory("dt-listing-");
        Directory.CreateDirectory(Path.Combine(temp.Path, "a"));
        Directory.CreateDirectory(Path.Combine(temp.Path, ".hidden"));
        File.WriteAllText(Path.Combine(temp.Path, "file"), "x");
        File.CreateSymbolicLink(Path.Combine(temp.Path, "link"), Path.Combine(temp.Path, "a"));
        var names = new List<string>();

        Assert.Equal(Errno.None, DirectoryListing.Read(temp.Path, names));

        Assert.Equal([".", "..", ".hidden", "a", "file", "link"], names.Order(StringComparer.Ordinal));
        Assert.Equal(Errno.None, FileSystem.Stat(Path.Combine(temp.Path, "a"), out FileFacts a));
        Assert.Equal(Errno.None, FileSystem.Stat(Path.Combine(temp.Path, "link"), out FileFacts link));
        Assert.True(a.IsDirectory);
        Assert.Equal(a, link);
        Assert.Equal(Errno.None, FileSystem.Stat(Path.Combine(temp.Path, "file"), out FileFacts file));
        Assert.False(file.IsDirectory);
        Assert.Equal(Errno.ENOENT, FileSystem.Stat(Path.Combine(temp.Path, "missing"), out _));
    }

    [Fact]
    public void A_watch_reports_a_name_renamed_into_the_directory()
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
