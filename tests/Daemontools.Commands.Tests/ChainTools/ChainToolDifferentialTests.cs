using System.Text;

namespace Daemontools.Commands.Tests.ChainTools;

/// <summary>
/// envdir, envuidgid, setuidgid, softlimit, setlock, pgrphack and fghack against Debian's: every
/// option, the bad inputs, and chains, observed through the final program.
/// </summary>
public sealed class ChainToolDifferentialTests
{
    /// <summary>What the final program reports about itself.</summary>
    private const string Report =
        "id; env | grep -v '^PWD=\\|^SHLVL=\\|^OLDPWD=\\|^_='; grep -E '^(Sig(Blk|Ign)|Groups|Uid|Gid)' /proc/self/status; " +
        "cat /proc/self/limits; ls -l /proc/self/fd | awk 'NR>1 && \\$9 != 4 {t=\\$11; sub(/:\\[[0-9]+\\]/, \\\"\\\", t); print \\$9,\\$10,t}'";

    public static TheoryData<string> Scenarios() => new()
    {
        // usage and bad input
        "envdir",
        "envdir env",
        "envdir /nonexistent true",
        "envdir /etc/passwd true",
        "envdir envbad true",
        "envdir env /nonexistent/program",
        "envdir env no-such-program",
        "envdir env /etc",
        "envdir env ./notexec",
        "envdir -x env true",
        "envuidgid",
        "envuidgid nobody",
        "envuidgid no-such-account true",
        "setuidgid",
        "setuidgid nobody",
        "setuidgid no-such-account true",
        "setuidgid -- nobody true",
        "softlimit",
        "softlimit -m",
        "softlimit -m abc true",
        "softlimit -m 100abc true",
        "softlimit -m -5 true",
        "softlimit -mn 5 true",
        "softlimit -z true",
        "softlimit -- true",
        "setlock",
        "setlock -n",
        "setlock -n lock",
        "setlock -z lock true",
        "setlock /nonexistent/lock true",
        "setlock -x /nonexistent/lock true",
        "setlock -xX /nonexistent/lock true",
        "pgrphack",
        "pgrphack /nonexistent",
        "fghack",
        "fghack /nonexistent",
        // envdir's reading rules, and the order in which it changes the environment
        "envdir env sh -c 'printf \"[%s]\" \"$A\" \"$C\" \"$D\" \"$E\" \"$N\" \"$R\" \"${B-unset}\" \"${HOME-unset}\"; echo'",
        "envdir env env",
        "envdir env sh -c 'echo $PATH'",
        "envdir pathdir program-on-new-path",
        "envdir env envdir env2 env",
        "setuidgid nobody envdir locked true",
        "setuidgid nobody envdir listless true",
        "setuidgid nobody envdir secret true",
        // ids
        "envuidgid nobody env",
        "envuidgid nobody sh -c 'echo $UID $GID'",
        "setuidgid nobody " + "sh -c \"" + "id; grep -E '^(Uid|Gid|Groups)' /proc/self/status" + "\"",
        "setuidgid nobody setuidgid nobody true",
        "setuidgid nobody envdir /root true",
        // limits: every option, '=' and clamping to the hard limit
        "softlimit -a 50000000 -c 0 -d 40000000 -f 1000000 -l 65536 -o 40 -p 300 -r 7000000 -s 2000000 -t 30 cat /proc/self/limits",
        "softlimit -m 60000000 cat /proc/self/limits",
        "softlimit -m = -o = cat /proc/self/limits",
        "softlimit -o5000000 cat /proc/self/limits",
        "softlimit -m 99999999999999999999999 cat /proc/self/limits",
        "softlimit -o 30 softlimit -o = cat /proc/self/limits",
        "softlimit -m '' true",
        "softlimit -o 0 true",
        // locks
        "setlock lock sh -c 'setlock -n lock true; echo $?; setlock -nx lock echo not-printed; echo $?'",
        "setlock -n lock setlock -n lock true",
        "setlock -nx lock setlock -nx lock echo not-printed",
        "setlock -N lock setlock -n lock true",
        "setlock -n lock sh -c 'ls -l /proc/self/fd | grep -c lock'",
        // sessions and fghack
        "pgrphack sh -c 'read -r line < /proc/$$/stat; set -- $line; [ \"$6\" = \"$$\" ] && echo session-leader'",
        "fghack sh -c '(sleep 0.2; echo late) & echo early'",
        "fghack sh -c 'exit 7'",
        "fghack sh -c 'kill -9 $$'",
        "fghack sh -c 'ls /proc/self/fd | wc -l'",
        // signals and descriptors as inherited
        "trap '' USR1 HUP; exec 7</dev/null; envdir env2 setlock -n lock grep -E '^Sig(Blk|Ign)' /proc/self/status",
        // the chain of a run script
        "envdir env2 envuidgid nobody setuidgid nobody softlimit -m 100000000 -o 64 setlock -n pub/lock pgrphack sh -c \"" + Report + "\"",
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Behaves_like_Debian(string script)
    {
        Root.Require();
        ChainScenario.Same(script, Setup);
    }

    [Fact]
    public void A_chain_through_the_multi_call_name_ends_in_the_final_program()
    {
        Root.Require();
        (ProgramResult ours, _) = ChainScenario.Run("envdir env2 daemontools setuidgid nobody sh -c 'echo $FOO; id -u; cat /proc/$$/cmdline | tr \"\\0\" \" \"'", Setup);
        Assert.Equal(string.Empty, ours.Err);
        Assert.Equal("1\n65534\nsh -c echo $FOO; id -u; cat /proc/$$/cmdline | tr \"\\0\" \" \" ", ours.Out);
    }

    [Fact]
    public void The_suite_runs_as_root() => Root.Require();

    [Fact]
    public void Every_program_starts_under_softlimit_m_16000000_in_any_position()
    {
        foreach (string tool in new[] { "envdir env2", "envuidgid nobody", "setuidgid nobody", "softlimit -o 100", "setlock lock", "pgrphack", "fghack" })
        {
            string script = $"/usr/bin/softlimit -m 16000000 {Programs.OurBin}/{tool} {Programs.OurBin}/tai64n < /dev/null; echo $?; " +
                $"/usr/bin/softlimit -m 16000000 {tool} softlimit -m 30000000 {Programs.OurBin}/tai64n < /dev/null; echo $?";
            (ProgramResult ours, _) = ChainScenario.Run(script, Setup);
            Assert.Equal(string.Empty, ours.Err);
            Assert.Equal("0\n0\n", ours.Out);
        }
    }

    private static void Setup(TempDirectory d)
    {
        Directory.CreateDirectory(d.Combine("env"));
        File.WriteAllText(d.Combine("env", "A"), "hello  \t\nsecond line\n");
        File.WriteAllText(d.Combine("env", "B"), string.Empty);
        File.WriteAllText(d.Combine("env", "C"), "\n");
        File.WriteAllBytes(d.Combine("env", "D"), Encoding.ASCII.GetBytes("x\0y \n"));
        File.WriteAllText(d.Combine("env", "E"), " \t \n");
        File.WriteAllText(d.Combine("env", "N=Q"), "v");
        File.WriteAllText(d.Combine("env", "R=S"), string.Empty);
        File.WriteAllText(d.Combine("env", "HOME"), string.Empty);
        File.WriteAllText(d.Combine("env", ".hidden"), "never");
        Directory.CreateDirectory(d.Combine("env2"));
        File.WriteAllText(d.Combine("env2", "FOO"), "1");
        File.WriteAllText(d.Combine("env2", "A"), "from env2\n");
        Directory.CreateDirectory(d.Combine("envbad", "sub"));
        Directory.CreateDirectory(d.Combine("locked"));
        File.SetUnixFileMode(d.Combine("locked"), UnixFileMode.None);
        Directory.CreateDirectory(d.Combine("listless"));
        File.SetUnixFileMode(d.Combine("listless"), UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(d.Combine("secret"));
        File.WriteAllText(d.Combine("secret", "KEY"), "hidden");
        File.SetUnixFileMode(d.Combine("secret", "KEY"), UnixFileMode.UserRead);
        Directory.CreateDirectory(d.Combine("pathdir"));
        File.WriteAllText(d.Combine("pathdir", "PATH"), d.Combine("bin2"));
        Directory.CreateDirectory(d.Combine("bin2"));
        File.WriteAllText(d.Combine("bin2", "program-on-new-path"), "#!/bin/sh\necho found\n");
        File.SetUnixFileMode(d.Combine("bin2", "program-on-new-path"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText(d.Combine("notexec"), "#!/bin/sh\n");
        Directory.CreateDirectory(d.Combine("pub"));
        File.SetUnixFileMode(d.Combine("pub"), (UnixFileMode)Convert.ToInt32("1777", 8));
        // the temp directory itself must be searchable by nobody for the chain scenario
        File.SetUnixFileMode(d.Path, (UnixFileMode)Convert.ToInt32("755", 8));
    }
}
