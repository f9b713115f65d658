using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.ProcessState;

namespace Daemontools.Engine.Tests.Lifecycle;

public sealed class EnvironmentFileTests
{
    [Theory]
    [InlineData("8080")]
    [InlineData("")]
    [InlineData("two\nlines\n")]
    [InlineData("  leading blanks")]
    [InlineData("ünïcode")]
    public void Envdir_reads_the_written_value_back(string value)
    {
        byte[] written = EnvironmentFile.Content(value);
        Assert.Equal(value, System.Text.Encoding.UTF8.GetString(EnvDirectory.FirstLine(written)));
    }

    [Fact]
    public void A_null_value_is_an_empty_file_which_envdir_takes_as_a_removal() =>
        Assert.Empty(EnvironmentFile.Content(null));

    [Theory]
    [InlineData("A", "trailing ")]
    [InlineData("A", "tab\t")]
    [InlineData("A", "nul\0")]
    [InlineData(".A", "x")]
    [InlineData("A=B", "x")]
    [InlineData("A/B", "x")]
    [InlineData("", "x")]
    public void Values_and_names_envdir_cannot_carry_are_refused(string name, string value) =>
        Assert.Throws<ArgumentException>(() => EnvironmentFile.Validate(name, value));
}
