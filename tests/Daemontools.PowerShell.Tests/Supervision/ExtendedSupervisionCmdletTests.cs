using System.Management.Automation;

namespace Daemontools.PowerShell.Tests.Supervision;

/// <summary>The cmdlets on a service directory that uses the new files: readiness, exits, failure, history, new commands.</summary>
public sealed class ExtendedSupervisionCmdletTests : IClassFixture<SupervisionCmdletTests.Session>, IDisposable
{
    // Ready once the file "go" exists, so a test sees Starting before Ready.
    private const string ReadyOnGo = """
        while [ ! -e go ]; do sleep 0.05; done
        echo >&3
        exec sleep 1000
        """;

    private static readonly Dictionary<string, string> Notifying = new() { ["notification-fd"] = "3\n" };

    private readonly ModuleSession _session;
    private readonly RunningService _services = new();

    public ExtendedSupervisionCmdletTests(SupervisionCmdletTests.Session session) => _session = session.Module;

    public void Dispose() => _services.Dispose();

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private PSObject Status(string dir, string extra = "") => _session.RunClean("Get-SvStat -Path $p " + extra, Vars(("p", dir))).Single();

    [Fact]
    public void State_is_Starting_until_run_says_ready_then_Ready_with_its_time()
    {
        string dir = _services.Add("web", ReadyOnGo, files: Notifying);
        PSObject starting = Status(dir);
        Assert.Equal("Starting", starting.Properties["State"].Value.ToString());
        Assert.True((bool)starting.Properties["Extended"].Value);
        Assert.False((bool)starting.Properties["Ready"].Value);
        File.WriteAllText(Path.Combine(dir, "go"), string.Empty);
        PSObject ready = _session.RunClean("Wait-SvStat $p -Ready -Timeout 30", Vars(("p", dir))).Single();
        Assert.Equal("Ready", ready.Properties["State"].Value.ToString());
        Assert.True((bool)ready.Properties["Ready"].Value);
        Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(ready.Properties["ReadySince"].Value).Kind);
        Assert.Matches(@": up \(pid \d+\) \d+ seconds, ready \d+ seconds$", ready.ToString());
    }

    [Fact]
    public void Restart_with_Wait_and_Ready_returns_a_new_ready_run()
    {
        string dir = _services.Add("web", "echo >&3\nexec sleep 1000", files: Notifying);
        _session.RunClean("Wait-SvStat $p -Ready -Timeout 30", Vars(("p", dir)));
        int pid = _services.RunPid(dir);
        PSObject restarted = _session.RunClean("Invoke-Svc $p -Restart -Wait -Ready -Timeout 30 -PassThru", Vars(("p", dir))).Single();
        Assert.Equal("Ready", restarted.Properties["State"].Value.ToString());
        Assert.NotEqual(pid, (int)restarted.Properties["ProcessId"].Value);
        Assert.Equal(15, (int)restarted.Properties["LastSignal"].Value);
        Assert.Null(restarted.Properties["LastExitCode"].Value);
    }

    [Fact]
    public void Finish_125_is_Failed_with_the_exit_code_and_history()
    {
        var files = new Dictionary<string, string> { ["finish"] = "#!/bin/sh\nexit 125\n" };
        string dir = _services.Add("job", "exit 3", files: files, down: true);
        File.SetUnixFileMode(Path.Combine(dir, "finish"), (UnixFileMode)0x1ed);
        _session.RunClean("Invoke-Svc $p -Once", Vars(("p", dir)));
        Eventually.True(() => (bool)Status(dir).Properties["Failed"].Value, "the permanent failure");
        PSObject failed = Status(dir, "-IncludeHistory");
        Assert.Equal("Down", failed.Properties["State"].Value.ToString());
        Assert.Equal(3, (int)failed.Properties["LastExitCode"].Value);
        Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(failed.Properties["LastExitTime"].Value).Kind);
        Assert.Equal(1, (int)failed.Properties["Deaths"].Value);
        object[] history = ((System.Collections.IEnumerable)failed.Properties["History"].Value).Cast<object>().ToArray();
        PSObject death = PSObject.AsPSObject(Assert.Single(history));
        Assert.Equal(3, (int)death.Properties["ExitCode"].Value);
        Assert.EndsWith(", exitcode 3, failed", failed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Group_commands_reach_the_group_of_a_setsid_run_and_round_trip_through_the_serializer()
    {
        var files = new Dictionary<string, string> { ["flag-setsid"] = string.Empty };
        string dir = _services.Add("web", files: files);
        PSObject paused = _session.RunClean("Invoke-Svc $p -PauseGroup -Wait -Timeout 30 -PassThru", Vars(("p", dir))).Single();
        Assert.True((bool)paused.Properties["Paused"].Value);
        _session.RunClean("Invoke-Svc $p -ContinueGroup -Wait -Timeout 30", Vars(("p", dir)));
        int pid = _services.RunPid(dir);
        _session.RunClean("Invoke-Svc $p -KillGroup -Force", Vars(("p", dir)));
        Eventually.True(() => _services.RunPid(dir) is int now && now != 0 && now != pid, "a new ./run after -KillGroup");

        string serialized = "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-SvStat $p -IncludeHistory)))";
        PSObject copy = _session.RunClean(serialized, Vars(("p", dir))).Single();
        Assert.Contains("Deserialized.Daemontools.PowerShell.SvStat", copy.TypeNames);
        Assert.Equal(9, (int)copy.Properties["LastSignal"].Value);
        Assert.True((bool)copy.Properties["Extended"].Value);
        var history = (System.Collections.IEnumerable)PSObject.AsPSObject(copy.Properties["History"].Value).BaseObject;
        PSObject death = PSObject.AsPSObject(Assert.Single(history.Cast<object>()));
        Assert.Contains("Deserialized.Daemontools.PowerShell.SvDeath", death.TypeNames);
        Assert.Equal(9, (int)death.Properties["Signal"].Value);
        Assert.Matches(@"web\s+Up\s+\d+\s+\d+\s+up\s+Up\s+signal 9", _session.Render(serialized.Replace("$p", "'" + dir + "'", StringComparison.Ordinal)));
    }
}
