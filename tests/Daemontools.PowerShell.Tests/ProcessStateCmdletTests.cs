using System.Management.Automation;

namespace Daemontools.PowerShell.Tests;

/// <summary>Get-EnvDir, Invoke-EnvDir, Invoke-SetUidGid, Invoke-SoftLimit and Invoke-SetLock in a hosted runspace, observed through the programs they run.</summary>
public sealed class ProcessStateCmdletTests : IClassFixture<ModuleImportTests.Session>, IDisposable
{
    private readonly ModuleSession _session;
    private readonly string _dir;

    public ProcessStateCmdletTests(ModuleImportTests.Session session)
    {
        _session = session.Module;
        _dir = Directory.CreateTempSubdirectory("dt-ps-chain-").FullName;
        Directory.CreateDirectory(Path.Combine(_dir, "env"));
        File.WriteAllText(Path.Combine(_dir, "env", "DT_SET"), "value \t\nignored\n");
        File.WriteAllText(Path.Combine(_dir, "env", "DT_EMPTY"), "\n");
        File.WriteAllText(Path.Combine(_dir, "env", "DT_GONE"), string.Empty);
        File.WriteAllText(Path.Combine(_dir, "env", ".hidden"), "x");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, object?> Vars => new() { ["dir"] = _dir };

    private static void RequireRoot() =>
        Assert.True(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[2] == "0",
            "this test switches accounts and must run as root (CI runs the suite as root)");

    [Fact]
    public void Get_EnvDir_shows_values_and_removals_as_envdir_reads_them()
    {
        var variables = _session.RunClean("Get-EnvDir -Path \"$dir/env\"", Vars)
            .ToDictionary(o => (string)o.Properties["Name"].Value, o => o.Properties["Value"].Value);
        Assert.Equal(3, variables.Count);
        Assert.Equal("value", variables["DT_SET"]);
        Assert.Equal(string.Empty, variables["DT_EMPTY"]);
        Assert.Null(variables["DT_GONE"]);
    }

    [Fact]
    public void Get_EnvDir_reports_a_missing_directory_without_stopping()
    {
        (var output, IReadOnlyList<ErrorRecord> errors) = _session.Run("Get-EnvDir -Path \"$dir/missing\", \"$dir/env\"", Vars);
        Assert.Equal("EnvDirectoryUnreadable,Daemontools.PowerShell.GetEnvDir", errors.Single().FullyQualifiedErrorId);
        Assert.Equal(3, output.Count);
    }

    [Fact]
    public void Invoke_EnvDir_applies_the_variables_to_a_script_block_and_restores_the_session()
    {
        var output = _session.RunClean(
            "$env:DT_GONE = 'before'; Invoke-EnvDir \"$dir/env\" { \"$env:DT_SET|$env:DT_EMPTY|$($null -eq $env:DT_GONE)\" }; \"$env:DT_SET|$env:DT_GONE\"",
            Vars);
        Assert.Equal(["value||True", "|before"], output.Select(o => o.ToString()));
    }

    [Fact]
    public void Invoke_EnvDir_runs_a_program_with_the_variables_streaming_its_output_and_exit_code()
    {
        var output = _session.RunClean(
            "Invoke-EnvDir \"$dir/env\" -FilePath /bin/sh -ArgumentList '-c', 'echo $DT_SET; echo ${DT_GONE-unset}; printf partial; exit 3'; $LASTEXITCODE",
            Vars);
        Assert.Equal(["value", "unset", "partial", "3"], output.Select(o => o.ToString()));
    }

    [Fact]
    public void Invoke_SetUidGid_runs_the_program_as_the_account_with_only_its_primary_group()
    {
        RequireRoot();
        var output = _session.RunClean("Invoke-SetUidGid nobody /usr/bin/id; $LASTEXITCODE; (/usr/bin/id -u)");
        Assert.Equal(["uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)", "0", "0"], output.Select(o => o.ToString()));
    }

    [Fact]
    public void Invoke_SetUidGid_UseEnvUidGid_sets_UID_and_GID_like_envuidgid()
    {
        var output = _session.RunClean("Invoke-SetUidGid -User nobody -UseEnvUidGid -FilePath /bin/sh -ArgumentList '-c', 'echo $UID $GID; id -u'");
        Assert.Equal(["65534 65534", File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1]], output.Select(o => o.ToString()));
    }

    [Fact]
    public void Invoke_SetUidGid_stops_with_AccountNotFound_for_an_unknown_account()
    {
        (_, IReadOnlyList<ErrorRecord> errors) = _session.Run("Invoke-SetUidGid no-such-account /usr/bin/id");
        Assert.Contains(errors, e => e.FullyQualifiedErrorId.StartsWith("AccountNotFound,", StringComparison.Ordinal));
    }

    [Fact]
    public void Invoke_SoftLimit_lowers_the_programs_soft_limits_and_clamps_to_the_hard_ones()
    {
        var output = _session.RunClean(
            "Invoke-SoftLimit -MemoryLimit 300000000 -OpenFilesLimit 33 -CoreLimit ([ulong]::MaxValue) -FilePath /bin/sh -ArgumentList '-c', 'ulimit -n; ulimit -v; grep -E \"^Max (data|stack)\" /proc/$$/limits | tr -s \" \"'");
        Assert.Equal(["33", "292968", "Max data size 300000000 unlimited bytes ", "Max stack size 300000000 unlimited bytes "], output.Select(o => o.ToString()));
    }

    [Fact]
    public void Invoke_SetLock_holds_the_lock_while_the_program_runs_and_NoWait_fails_when_it_is_held()
    {
        string lockPath = Path.Combine(_dir, "lock");
        var output = _session.RunClean(
            "Invoke-SetLock -Path \"$dir/lock\" -NoWait -FilePath /bin/sh -ArgumentList '-c', \"/usr/bin/setlock -n '$dir/lock' true; echo `$?\"",
            Vars);
        Assert.Equal(["111"], output.Select(o => o.ToString()));
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            (_, IReadOnlyList<ErrorRecord> errors) = _session.Run(
                "Invoke-SetLock -Path \"$dir/lock\" -NoWait -FilePath /bin/true", Vars);
            Assert.Contains(errors, e => e.FullyQualifiedErrorId.StartsWith("LockHeld,", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_engine_failure_reads_in_the_modules_words()
    {
        string lockPath = Path.Combine(_dir, "lock");
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            (_, IReadOnlyList<ErrorRecord> errors) = _session.Run("Invoke-SetLock -Path \"$dir/lock\" -NoWait -FilePath /bin/true", Vars);
            ErrorRecord held = Assert.Single(errors);
            Assert.Equal($"unable to lock {lockPath}: Resource temporarily unavailable", held.ToString());
            Assert.Equal("LockFileException", held.Exception.GetType().Name);
        }
    }

    [Fact]
    public void Invoke_SetLock_hands_the_lock_to_its_child_alone()
    {
        // The child sees the lock open in itself, while the session's own descriptor for it is
        // close-on-exec, so no other spawn of the session (another runspace) can inherit the lock.
        const string Probe =
            "for f in /proc/$PPID/fd/* /proc/self/fd/*; do [ \"$(readlink $f)\" = \"$LOCK\" ] || continue; " +
            "case $f in /proc/self/*) echo child;; *) grep '^flags' /proc/$PPID/fdinfo/${f##*/};; esac; done";
        var output = _session.RunClean(
            "$env:LOCK = \"$dir/lock\"; Invoke-SetLock -Path \"$dir/lock\" -NoWait -FilePath /bin/sh -ArgumentList '-c', $probe",
            new Dictionary<string, object?> { ["dir"] = _dir, ["probe"] = Probe }).Select(o => o.ToString()).ToList();
        Assert.Contains("child", output);
        string flags = Assert.Single(output, l => l.StartsWith("flags", StringComparison.Ordinal));
        long value = Convert.ToInt64(flags.Split(':')[1].Trim(), 8);
        Assert.NotEqual(0, value & Convert.ToInt64("2000000", 8));
    }
}
