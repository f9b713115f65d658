using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.ProcessState;

public sealed class ProgramSearchTests
{
    private static (List<string> Tried, int Errno) Search(string file, string? path, Func<string, int> errnoFor)
    {
        var search = new ProgramSearch(file, path);
        var tried = new List<string>();
        while (search.Next(out string candidate))
        {
            tried.Add(candidate);
            search.Failed((Errno)errnoFor(candidate));
        }
        return (tried, (int)search.Errno);
    }

    [Fact]
    public void A_name_with_a_slash_is_tried_as_is() =>
        Assert.Equal(["./prog"], Search("./prog", "/bin", _ => 2).Tried);

    [Fact]
    public void Without_PATH_the_default_is_bin_then_usr_bin() =>
        Assert.Equal(["/bin/prog", "/usr/bin/prog"], Search("prog", null, _ => 2).Tried);

    [Fact]
    public void Empty_elements_mean_the_current_directory() =>
        Assert.Equal(["./p", "/a/p", "./p"], Search("p", ":/a:", _ => 2).Tried);

    [Fact]
    public void Access_denied_is_remembered_and_reported_after_later_misses()
    {
        (List<string> tried, int errno) = Search("p", "/a:/b", c => c == "/a/p" ? 13 : 2);
        Assert.Equal(["/a/p", "/b/p"], tried);
        Assert.Equal(13, errno);
    }

    [Fact]
    public void Another_error_ends_the_search()
    {
        (List<string> tried, int errno) = Search("p", "/a:/b", c => c == "/a/p" ? 8 : 2);
        Assert.Equal(["/a/p"], tried);
        Assert.Equal(8, errno);
    }
}
