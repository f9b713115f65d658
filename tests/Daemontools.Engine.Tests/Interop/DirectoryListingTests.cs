using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class DirectoryListingTests
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
}
