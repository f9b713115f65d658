using System.Text;
using Daemontools.Engine.Logging;

namespace Daemontools.Engine.Tests.Logging;

public class LinePatternTests
{
    private static bool Match(string pattern, string line) =>
        LinePattern.Matches(Encoding.ASCII.GetBytes(pattern), Encoding.ASCII.GetBytes(line));

    [Theory]
    [InlineData("hello", "hello", true)]
    [InlineData("hello", "hello world", false)]
    [InlineData("hello*", "hello world", true)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("*world", "hello world", true)]
    [InlineData("* world", "hello world", true)]
    [InlineData("*o", "hello world", false)] // skips to the first 'o' only, then must end there
    [InlineData("*o*", "hello world", true)]
    [InlineData("*: *", "tcpsvd: info: pid 12", true)]
    public void Matches_as_match_c(string pattern, string line, bool expected) =>
        Assert.Equal(expected, Match(pattern, line));

    [Fact]
    public void Star_does_not_backtrack_past_the_first_occurrence()
    {
        // "*pid*" skips to the first 'p' ("tcpsvd"), then needs "pid" there: no match, although "pid" occurs later.
        Assert.False(Match("*pid*", "tcpsvd: info: pid 1234"));
        Assert.True(Match("*pid*", "pid 1234 from tcpsvd"));
    }

    [Fact]
    public void Two_stars_look_for_a_literal_star()
    {
        Assert.True(Match("a**", "a*b"));
        Assert.False(Match("a**", "ab"));
    }
}
