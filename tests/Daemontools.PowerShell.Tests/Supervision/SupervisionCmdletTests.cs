using System.Management.Automation;

namespace Daemontools.PowerShell.Tests.Supervision;

public sealed class SupervisionCmdletTests : IClassFixture<SupervisionCmdletTests.Session>, IDisposable
{
    public sealed class Session : IDisposable
    {
        public ModuleSession Module { get; } = new();

        public void Dispose() => Module.Dispose();
    }

    private readonly ModuleSession _session;
    private readonly RunningService _services = new();

    public SupervisionCmdletTests(Session session) => _session = session.Module;

    public void Dispose() => _services.Dispose();

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private PSObject Status(string dir) => _session.RunClean("Get-SvStat -Path $p", Vars(("p", dir))).Single();

    [Fact]
    public void Get_SvStat_describes_a_running_service_and_prints_as_svstat()
    {
        string dir = _services.Add("web");
        PSObject status = Status(dir);
        Assert.Equal("Up", status.Properties["State"].Value.ToString());
        Assert.Equal(_services.RunPid(dir), (int)status.Properties["ProcessId"].Value);
        Assert.Equal("web", status.Properties["Name"].Value);
        Assert.Equal(dir, status.Properties["Path"].Value);
        Assert.True((bool)status.Properties["NormallyUp"].Value);
        Assert.Equal("Up", status.Properties["Want"].Value.ToString());
        Assert.False((bool)status.Properties["Paused"].Value);
        Assert.Equal(18, ((byte[])status.Properties["StatusBytes"].Value).Length);
        Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(status.Properties["Since"].Value).Kind);
        Assert.IsType<TimeSpan>(status.Properties["Duration"].Value);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(dir)}: up \(pid {_services.RunPid(dir)}\) \d+ seconds$", status.ToString());
    }

    [Fact]
    public void Wildcards_expand_to_directories_only_and_an_unmatched_pattern_is_silent()
    {
        _services.Add("a");
        _services.Add("b", down: true);
        File.WriteAllText(Path.Combine(_services.Root, "c-file"), string.Empty);
        var names = _session.RunClean("Get-SvStat ($r + '/*') | ForEach-Object Name", Vars(("r", _services.Root)));
        Assert.Equal(["a", "b"], names.Select(n => n.ToString()));
        Assert.Empty(_session.RunClean("Get-SvStat ($r + '/zz*')", Vars(("r", _services.Root))));
    }

    [Fact]
    public void Paths_bind_from_the_pipeline_by_value_and_by_FullName()
    {
        string dir = _services.Add("a");
        Assert.Single(_session.RunClean("$p | Get-SvStat", Vars(("p", dir))));
        Assert.Single(_session.RunClean("[pscustomobject]@{ FullName = $p } | Get-SvStat", Vars(("p", dir))));
        Assert.Single(_session.RunClean("[System.IO.DirectoryInfo]::new($p) | Get-SvStat", Vars(("p", dir))));
        Assert.Single(_session.RunClean("Get-SvStat $p | Get-SvStat", Vars(("p", dir))));
    }

    [Fact]
    public void A_missing_directory_is_a_non_terminating_ServiceDirectoryNotFound_error()
    {
        string missing = Path.Combine(_services.Root, "missing");
        string dir = _services.Add("a");
        (var output, var errors) = _session.Run("Get-SvStat $m, $p", Vars(("m", missing), ("p", dir)));
        Assert.Single(output);
        ErrorRecord error = Assert.Single(errors);
        Assert.Equal("ServiceDirectoryNotFound,Daemontools.PowerShell.GetSvStat", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
    }

    [Fact]
    public void A_typed_path_that_is_a_file_is_ServiceDirectoryNotFound_under_the_path_as_typed()
    {
        // Get-SvStat finds a literal path missing through its status read, not a lookup before it:
        // the error must still name the path as the user typed it, relative to the location.
        File.WriteAllText(Path.Combine(_services.Root, "plain"), "");
        (var output, var errors) = _session.Run("Push-Location $r; try { Get-SvStat ./plain, ./plain/x } finally { Pop-Location }", Vars(("r", _services.Root)));
        Assert.Empty(output);
        Assert.Equal(["./plain", "./plain/x"], errors.Select(e => e.TargetObject));
        Assert.All(errors, e => Assert.Equal("ServiceDirectoryNotFound,Daemontools.PowerShell.GetSvStat", e.FullyQualifiedErrorId));
        Assert.Equal("Service directory './plain' does not exist.", errors[0].Exception.Message);
    }

    [Fact]
    public void A_directory_without_supervise_is_NotSupervised()
    {
        string dir = _services.Add("idle", start: false);
        PSObject status = Status(dir);
        Assert.Equal("NotSupervised", status.Properties["State"].Value.ToString());
        Assert.Null(status.Properties["ProcessId"].Value);
        Assert.False((bool)_session.RunClean("Test-SvOk $p", Vars(("p", dir))).Single().BaseObject);
    }

    [Fact]
    public void Invoke_Svc_switches_wait_for_the_state_and_pass_the_status_through()
    {
        string dir = _services.Add("web");
        Assert.True((bool)_session.RunClean("Test-SvOk $p", Vars(("p", dir))).Single().BaseObject);
        PSObject down = _session.RunClean("Invoke-Svc $p -Down -Wait -Timeout 30 -PassThru", Vars(("p", dir))).Single();
        Assert.Equal("Down", down.Properties["State"].Value.ToString());
        Assert.Equal("Down", down.Properties["Want"].Value.ToString());
        PSObject up = _session.RunClean("Invoke-Svc $p -Command Up -Wait -Timeout 30 -PassThru", Vars(("p", dir))).Single();
        Assert.Equal("Up", up.Properties["State"].Value.ToString());
        PSObject paused = _session.RunClean("Get-SvStat $p | Invoke-Svc -Pause -Wait -Timeout 30 -PassThru", Vars(("p", dir))).Single();
        Assert.True((bool)paused.Properties["Paused"].Value);
        Assert.EndsWith(", paused", paused.ToString(), StringComparison.Ordinal);
        _session.RunClean("Invoke-Svc $p -Continue -Wait -Timeout 30", Vars(("p", dir)));
        Assert.False((bool)Status(dir).Properties["Paused"].Value);
    }

    [Fact]
    public void Exit_with_Force_leaves_the_directory_NotSupervised()
    {
        string dir = _services.Add("web");
        PSObject gone = _session.RunClean("Invoke-Svc $p -Command Down, Exit -Force -Wait -Timeout 30 -PassThru", Vars(("p", dir))).Single();
        Assert.Equal("NotSupervised", gone.Properties["State"].Value.ToString());
        Assert.Equal(dir + ": supervise not running", gone.ToString());
    }

    [Fact]
    public void Supervise_not_running_is_a_non_terminating_SuperviseNotRunning_error()
    {
        string dir = _services.Add("web");
        _session.RunClean("Invoke-Svc $p -Down -Exit -Force -Wait -Timeout 30", Vars(("p", dir)));
        (var output, var errors) = _session.Run("Invoke-Svc $p -Up; 'after'", Vars(("p", dir)));
        Assert.Equal("after", Assert.Single(output).ToString());
        ErrorRecord error = Assert.Single(errors);
        Assert.Equal("SuperviseNotRunning,Daemontools.PowerShell.InvokeSvc", error.FullyQualifiedErrorId);
        Assert.Equal(dir, error.TargetObject);
    }

    [Fact]
    public void A_directory_never_supervised_is_a_SuperviseNotRunning_error_too()
    {
        string dir = _services.Add("fresh", start: false);
        (var output, var errors) = _session.Run("Invoke-Svc $p -Up; 'after'", Vars(("p", dir)));
        Assert.Equal("after", Assert.Single(output).ToString());
        ErrorRecord error = Assert.Single(errors);
        Assert.Equal("SuperviseNotRunning,Daemontools.PowerShell.InvokeSvc", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.False(Directory.Exists(Path.Combine(dir, "supervise")));
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        string dir = _services.Add("web");
        int pid = _services.RunPid(dir);
        _session.Host.Clear();
        _session.RunClean("Invoke-Svc $p -Down -WhatIf", Vars(("p", dir)));
        Assert.Contains("What if:", _session.Host.Text, StringComparison.Ordinal);
        Assert.Contains("svc -d", _session.Host.Text, StringComparison.Ordinal);
        PSObject status = Status(dir);
        Assert.Equal("Up", status.Properties["State"].Value.ToString());
        Assert.Equal(pid, (int)status.Properties["ProcessId"].Value);
    }

    [Fact]
    public void Kill_asks_for_confirmation_and_a_no_sends_nothing()
    {
        string dir = _services.Add("web");
        int pid = _services.RunPid(dir);
        _session.Host.Clear();
        _session.Host.ChoiceAnswers.Enqueue(1); // "No"
        _session.RunClean("Invoke-Svc $p -Kill", Vars(("p", dir)));
        Assert.Contains("kill or exit", _session.Host.Text, StringComparison.Ordinal);
        Assert.Equal(pid, _services.RunPid(dir));
        _session.RunClean("Invoke-Svc $p -Kill -Confirm:$false", Vars(("p", dir)));
        Eventually.True(() => _services.RunPid(dir) != pid, "a restart after -Kill");
    }

    [Fact]
    public void A_wait_that_times_out_is_a_terminating_error_naming_the_service()
    {
        string dir = _services.Add("web");
        var result = _session.RunClean(
            "try { Wait-SvStat $p -State Down -Timeout 0.2; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
            Vars(("p", dir)));
        Assert.Equal("SvWaitTimeout,Daemontools.PowerShell.WaitSvStat", result[0].ToString());
        Assert.Contains(dir, result[1].ToString(), StringComparison.Ordinal);
        PSObject up = _session.RunClean("Wait-SvStat $p Up -Timeout 30", Vars(("p", dir))).Single();
        Assert.Equal("Up", up.Properties["State"].Value.ToString());
    }

    [Fact]
    public void The_table_view_is_aligned_and_applies_to_deserialized_objects()
    {
        string dir = _services.Add("web");
        _services.Add("db", down: true);
        string table = _session.Render($"Get-SvStat '{_services.Root}/*'");
        Assert.Matches(@"Name\s+State\s+PID\s+Seconds\s+Normally\s+Want\s+Paused", table);
        Assert.Matches(@"web\s+Up\s+\d+\s+\d+\s+up\s+Up", table);
        Assert.Matches(@"db\s+Down\s+\d+\s+down\s+Down", table);

        string serialized = "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-SvStat '" + dir + "')))";
        PSObject copy = _session.RunClean(serialized).Single();
        Assert.Contains("Deserialized.Daemontools.PowerShell.SvStat", copy.TypeNames);
        Assert.Equal(_services.RunPid(dir), (int)copy.Properties["ProcessId"].Value);
        Assert.Equal("web", copy.Properties["Name"].Value);
        Assert.Equal("Up", copy.Properties["State"].Value.ToString());
        Assert.Matches(@"web\s+Up\s+\d+\s+\d+\s+up\s+Up", _session.Render(serialized));
    }
}
