using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class DirectoryListingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dt-listing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Listing_gives_every_name_including_dot_names_and_identity_follows_symlinks()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a"));
        Directory.CreateDirectory(Path.Combine(_dir, ".hidden"));
        File.WriteAllText(Path.Combine(_dir, "file"), "x");
        File.CreateSymbolicLink(Path.Combine(_dir, "link"), Path.Combine(_dir, "a"));
        var names = new List<string>();

        Assert.Equal(Errno.None, DirectoryListing.Read(_dir, names));

        Assert.Equal([".", "..", ".hidden", "a", "file", "link"], names.Order(StringComparer.Ordinal));
        Assert.Equal(Errno.None, FileSystem.Stat(Path.Combine(_dir, "a"), out FileFacts a));
        Assert.Equal(Errno.None, FileSystem.Stat(Path.Combine(_dir, "link"), out FileFacts link));
        Assert.True(a.IsDirectory);
        Assert.Equal(a, link);
        Assert.Equal(Errno.None, FileSystem.Stat(Path.Combine(_dir, "file"), out FileFacts file));
        Assert.False(file.IsDirectory);
        Assert.Equal(Errno.ENOENT, FileSystem.Stat(Path.Combine(_dir, "missing"), out _));
    }
}
