using System.Text;

namespace Daemontools.Commands.Tests.ChainTools;

/// <summary>
/// daemontools-getpwnam, the dynamically linked companion that answers account lookups the
/// static binary cannot make in-process (NSS sources other than /etc/passwd).
/// </summary>
public sealed class AccountCompanionTests
{
    [Fact]
    public void Writes_the_account_as_NUL_terminated_fields_as_getpwnam_returns_it()
    {
        ProgramResult result = ProgramRun.Run(Programs.Ours("daemontools-getpwnam"), ["root"]);
        Assert.Equal(0, result.ExitCode);
        string[] fields = Encoding.UTF8.GetString(result.Stdout).Split('\0');
        string[] passwd = File.ReadAllLines("/etc/passwd").First(l => l.StartsWith("root:", StringComparison.Ordinal)).Split(':');
        Assert.Equal(["root", passwd[2], passwd[3], passwd[5], passwd[6], ""], fields);
    }

    [Fact]
    public void Exits_1_with_no_output_for_an_unknown_account()
    {
        ProgramResult result = ProgramRun.Run(Programs.Ours("daemontools-getpwnam"), ["no-such-account"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Usage_error_exits_100()
    {
        ProgramResult result = ProgramRun.Run(Programs.Ours("daemontools-getpwnam"), []);
        Assert.Equal(100, result.ExitCode);
        Assert.Equal("daemontools-getpwnam: usage: daemontools-getpwnam account\n", result.Err);
    }
}
