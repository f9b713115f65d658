using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class ServiceSettingsTests
{
    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("sigterm", 15)]
    [InlineData("SIGHUP\n", 1)]
    [InlineData("usr1", 10)]
    [InlineData("9", 9)]
    [InlineData("SIGWINCH", 28)]
    public void Signal_names_with_or_without_SIG_in_any_case_or_numbers(string text, int expected)
    {
        Assert.True(SignalNames.TryParse(text, out int signal));
        Assert.Equal(expected, signal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SIGNOPE")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-1")]
    public void Anything_else_is_not_a_signal(string text) => Assert.False(SignalNames.TryParse(text, out _));

    [Fact]
    public void Signal_names_format_as_s6_prints_them()
    {
        Assert.Equal("SIGTERM", SignalNames.Format(15));
        Assert.Equal("SIG40", SignalNames.Format(40));
    }

    [Fact]
    public void Restart_policy_reads_backoff_stable_and_give_up()
    {
        RestartPolicy policy = RestartPolicy.Parse("# comment\nbackoff 1000 60000\nstable 5000 # trailing\ngive-up 5 60000\nbogus 1\n", out IReadOnlyList<string> invalid);
        Assert.Equal(1000, policy.BackoffInitialMilliseconds);
        Assert.Equal(60000, policy.BackoffMaximumMilliseconds);
        Assert.Equal(5000, policy.StableMilliseconds);
        Assert.Equal(5, policy.GiveUpDeaths);
        Assert.Equal(60000, policy.GiveUpWindowMilliseconds);
        Assert.Equal(["bogus 1"], invalid);
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum()
    {
        var policy = new RestartPolicy { BackoffInitialMilliseconds = 1000, BackoffMaximumMilliseconds = 5000 };
        Assert.Equal([0L, 1000, 2000, 4000, 5000, 5000], Enumerable.Range(0, 6).Select(policy.Delay));
    }
}
