using System.Text;
using Daemontools.Engine.ProcessState;

namespace Daemontools.Engine.Tests.ProcessState;

public sealed class EnvironmentBlockTests
{
    private static EnvironmentBlock Block(params string[] entries) => new(entries.Select(Encoding.UTF8.GetBytes));

    private static string[] Text(EnvironmentBlock block) => [.. block.ToStrings()];

    [Fact]
    public void Setting_removes_the_first_match_moves_the_last_entry_into_its_place_and_appends()
    {
        EnvironmentBlock block = Block("A=1", "B=2", "C=3", "A=dup");
        block.Set("A", "new");
        Assert.Equal(["A=dup", "B=2", "C=3", "A=new"], Text(block));
    }

    [Fact]
    public void Removing_drops_only_the_first_match()
    {
        EnvironmentBlock block = Block("A=1", "B=2", "C=3");
        block.Set("A", null);
        Assert.Equal(["C=3", "B=2"], Text(block));
    }

    [Fact]
    public void A_name_with_an_equals_sign_splits_at_it_even_for_a_removal()
    {
        EnvironmentBlock block = Block("N=old", "R=old");
        block.Set("N=Q", "v");
        block.Set("R=S", null);
        Assert.Equal("Q=v", block.Get("N"));
        Assert.Equal("S", block.Get("R"));
    }

    [Fact]
    public void A_name_that_is_a_prefix_of_another_does_not_match_it()
    {
        EnvironmentBlock block = Block("PATHX=1");
        block.Set("PATH", null);
        Assert.Equal(["PATHX=1"], Text(block));
        Assert.Null(block.Get("PATH"));
    }
}
