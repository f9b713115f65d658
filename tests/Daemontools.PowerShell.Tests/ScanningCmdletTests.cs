using System.Buffers.Binary;
using System.Management.Automation;

namespace Daemontools.PowerShell.Tests;

/// <summary>
/// Start-SvScan and Stop-SvScan on a real service tree (the module's svscan; supervise and
/// multilog from PATH). Every svscan started here is stopped, and its tree killed by pid as a fallback.
/// </summary>
public sealed class ScanningCmdletTests : IClassFixture<ModuleImportTests.Session>, IDisposable
{
    private readonly ModuleSession _session;
    private readonly string _root = Directory.CreateTempSubdirectory("dt-scan-").FullName;
    private readonly List<int> _started = [];

    public ScanningCmdletTests(ModuleImportTests.Session session)
    {
        _session = session.Module;
        Directory.CreateDirectory(Scan);
    }

    private string Scan => Path.Combine(_root, "service");

    public void Dispose()
    {
        foreach (int session in _started) ProcessTree.KillUntilGone(() => ProcessTree.InSession(session), $"session {session} to be gone");
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Start_returns_the_scanner_refuses_a_second_and_Stop_brings_the_tree_down_in_order()
    {
        Service("a", "echo a started\nexec sleep 1000", "exec multilog ./main");
        Service("b", "exec sleep 1000");
        string log = Path.Combine(_root, "svscan.log");

        PSObject started = _session.RunClean("Start-SvScan -Path $dir -LogPath $log", new Dictionary<string, object?> { ["dir"] = Scan, ["log"] = log }).Single();
        int pid = (int)started.Properties["ProcessId"].Value;
        _started.Add(ProcessTree.Stat(pid)!.Value.Session);
        Assert.Equal("Daemontools.PowerShell.SvScanProcess", started.TypeNames[0]);
        Assert.Equal(Scan, started.Properties["Path"].Value);
        // the module's own svscan, run by its absolute path
        Assert.Equal(Path.Combine(ModuleSession.RepoRoot, "out", "Daemontools", "bin", "svscan") + " " + Scan, File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' '));
        Assert.Equal(Path.Combine(ModuleSession.RepoRoot, "out", "Daemontools", "bin", "daemontools"), new FileInfo($"/proc/{pid}/exe").LinkTarget);
        Eventually.True(() => File.Exists(Path.Combine(Scan, "a", "log", "main", "current")) && File.ReadAllText(Path.Combine(Scan, "a", "log", "main", "current")) == "a started\n" && ServicePid("b") > 0, "a logging and b up");

        PSObject[] stats = [.. _session.RunClean("Get-SvStat \"$dir/*\" -IncludeLog", new Dictionary<string, object?> { ["dir"] = Scan })];
        Assert.Equal(["a", "b"], stats.Select(s => (string)s.Properties["Name"].Value));
        Assert.Equal("Up", stats[0].Properties["State"].Value.ToString());
        Assert.Equal("Up", PSObject.AsPSObject(stats[0].Properties["Log"].Value).Properties["State"].Value.ToString());
        Assert.Null(stats[1].Properties["Log"].Value);
        Assert.Equal(ServicePid("b"), stats[1].Properties["ProcessId"].Value);
        PSObject logStat = _session.RunClean("Get-SvStat \"$dir/*/log\"", new Dictionary<string, object?> { ["dir"] = Scan }).Single();
        Assert.Equal(Path.Combine(Scan, "a", "log"), logStat.Properties["Path"].Value);

        var (_, errors) = _session.Run("Start-SvScan -Path $dir", new Dictionary<string, object?> { ["dir"] = Scan });
        Assert.Equal("SvScanAlreadyRunning,Daemontools.PowerShell.StartSvScan", errors.Single().FullyQualifiedErrorId);

        int service = ServicePid("b");
        PSObject stopped = _session.RunClean("$scan | Stop-SvScan -Timeout 30", new Dictionary<string, object?> { ["scan"] = started }).Single();
        Assert.Equal(pid, stopped.Properties["ProcessId"].Value);
        Assert.False((bool)stopped.Properties["Killed"].Value);
        Assert.Equal(["a", "a/log", "b"], ((string[])stopped.Properties["Services"].Value).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists($"/proc/{service}") && !File.ReadAllText($"/proc/{service}/stat").Contains(") Z", StringComparison.Ordinal));
        Assert.Equal("a started\n", File.ReadAllText(Path.Combine(Scan, "a", "log", "main", "current")));
        Assert.Empty(_session.Run("Stop-SvScan $dir", new Dictionary<string, object?> { ["dir"] = Scan }).Output);
    }

    [Fact]
    public void Wait_keeps_svscan_in_the_foreground_until_the_pipeline_is_stopped()
    {
        Service("a", "exec sleep 1000");
        using var ps = System.Management.Automation.PowerShell.Create(_session.Runspace);
        ps.AddCommand("Start-SvScan").AddParameter("Path", Scan).AddParameter("LogPath", Path.Combine(_root, "svscan.log")).AddParameter("Wait");
        var output = new PSDataCollection<PSObject>();
        IAsyncResult running = ps.BeginInvoke<PSObject, PSObject>(null, output);

        Eventually.True(() => output.Count == 1, "Start-SvScan -Wait to report the scanner");
        int pid = (int)output[0].Properties["ProcessId"].Value;
        _started.Add(ProcessTree.Stat(pid)!.Value.Session);
        Eventually.True(() => ServicePid("a") > 0, "a up");
        int service = ServicePid("a");
        Assert.False(running.IsCompleted);

        ps.Stop(); // what Ctrl+C does

        Assert.True(running.IsCompleted);
        Assert.Null(ProcessTree.Stat(pid));
        Assert.True(ProcessTree.Stat(service) is null or { State: 'Z' });
        Assert.Equal(0, ProcessIdHoldingLock());
    }

    private int ProcessIdHoldingLock() =>
        (int)_session.RunClean("[Daemontools.Engine.Scanning.ScanDirectory]::ScannerPid($dir)", new Dictionary<string, object?> { ["dir"] = Scan }).Single().BaseObject;

    [Fact]
    public void Stop_on_a_directory_nobody_scans_is_SvScanNotRunning()
    {
        var (output, errors) = _session.Run("Stop-SvScan -Path $dir", new Dictionary<string, object?> { ["dir"] = Scan });
        Assert.Empty(output);
        Assert.Equal("SvScanNotRunning,Daemontools.PowerShell.StopSvScan", errors.Single().FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, errors.Single().CategoryInfo.Category);
    }

    [Fact]
    public void WhatIf_starts_nothing()
    {
        _session.Host.Clear();
        Assert.Empty(_session.RunClean("Start-SvScan -Path $dir -WhatIf", new Dictionary<string, object?> { ["dir"] = Scan }));
        Assert.Contains("What if:", _session.Host.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Scan, ".svscan.lock")));
    }

    [Fact]
    public void A_missing_directory_is_ServiceDirectoryNotFound()
    {
        var (_, errors) = _session.Run("Start-SvScan -Path $dir", new Dictionary<string, object?> { ["dir"] = Path.Combine(_root, "missing") });
        Assert.Equal("ServiceDirectoryNotFound,Daemontools.PowerShell.StartSvScan", errors.Single().FullyQualifiedErrorId);
    }

    [Fact]
    public void The_stop_report_renders_as_a_table()
    {
        string text = _session.Render(
            "[Daemontools.PowerShell.SvScanStopResult]::new('/srv/service', 42, [string[]]@('a', 'a/log'), $false, [TimeSpan]::FromSeconds(1.5))");
        Assert.Matches(@"ProcessId\s+Services\s+Killed\s+Duration\s+Path", text);
        Assert.Matches(@"42\s+2\s+False\s+1\.50s\s+/srv/service", text);
    }

    private void Service(string name, string run, string? logRun = null) => RunScripts.Service(Path.Combine(Scan, name), run, logRun);

    private int ServicePid(string name)
    {
        try
        {
            byte[] status = File.ReadAllBytes(Path.Combine(Scan, name, "supervise", "status"));
            return status.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(status.AsSpan(12, 4)) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
