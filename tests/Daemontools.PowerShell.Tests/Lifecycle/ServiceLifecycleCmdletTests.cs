using System.Management.Automation;

namespace Daemontools.PowerShell.Tests.Lifecycle;

/// <summary>
/// New-, Enable-, Start-, Stop-, Restart-, Suspend-, Resume-, Disable- and Remove-SvService on a
/// temporary scan directory under the module's svscan, in a hosted runspace.
/// </summary>
public sealed class ServiceLifecycleCmdletTests : IClassFixture<ModuleImportTests.Session>, IDisposable
{
    // Answers each line written to the FIFO ./requests (in its working directory) through its logger.
    private const string Answering = "sh -c 'echo started; while :; do read line < requests && echo \"answer $line\"; done'";

    private readonly ModuleSession _session;
    private readonly ScannedTree _tree;

    public ServiceLifecycleCmdletTests(ModuleImportTests.Session session)
    {
        _session = session.Module;
        _tree = new ScannedTree(_session);
    }

    public void Dispose() => _tree.Dispose();

    private string Work(string name)
    {
        string work = Path.Combine(_tree.Root, "work-" + name);
        Directory.CreateDirectory(work);
        Assert.Equal(0, MakeFifo(Path.Combine(work, "requests"), 0x180));
        return work;
    }

    private string LogText(string service) => ReadAll(Path.Combine(_tree.Repository, service, "log", "main", "current"));

    private static string ReadAll(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static void Ask(string work, string line) => File.WriteAllText(Path.Combine(work, "requests"), line + "\n");

    private static object? Property(PSObject o, string name) => o.Properties[name].Value;

    [Fact]
    public void A_service_lives_its_whole_life_through_the_cmdlets()
    {
        string work = Work("web");
        string dir = Path.Combine(_tree.Repository, "web");

        PSObject created = _session.RunClean(
            "New-SvService web $command -Path $repo -WorkingDirectory $work -Log -LogMaxSize 100000 -Enable -ScanDirectory $scan -Wait",
            _tree.Vars(("command", Answering), ("work", work))).Single();

        Assert.Equal("Daemontools.PowerShell.SvStat", created.TypeNames[0]);
        Assert.Equal(dir, Property(created, "Path"));
        Assert.Equal("Up", Property(created, "State")!.ToString());
        Assert.Equal(dir, new FileInfo(Path.Combine(_tree.Scan, "web")).LinkTarget);
        Eventually.True(() => LogText("web").Contains(" started\n", StringComparison.Ordinal), "the service's first line in its log");
        Ask(work, "ping");
        Eventually.True(() => LogText("web").Contains(" answer ping\n", StringComparison.Ordinal), "the answer in the log");

        int first = _tree.RunPid(dir);
        PSObject restarted = _session.RunClean("Restart-SvService web -ScanDirectory $scan -PassThru", _tree.Vars()).Single();
        int second = (int)Property(restarted, "ProcessId")!;
        Assert.NotEqual(first, second);
        Assert.Equal(second, _tree.RunPid(dir));
        Assert.False(ScannedTree.Alive(first));

        PSObject stopped = _session.RunClean("Stop-SvService web -ScanDirectory $scan -PassThru", _tree.Vars()).Single();
        Assert.Equal("Down", Property(stopped, "State")!.ToString());
        Assert.False(ScannedTree.Alive(second));
        PSObject started = _session.RunClean("'web' | Start-SvService -ScanDirectory $scan -PassThru", _tree.Vars()).Single();
        Assert.Equal("Up", Property(started, "State")!.ToString());
        int third = _tree.RunPid(dir);
        Ask(work, "again");
        Eventually.True(() => LogText("web").Contains(" answer again\n", StringComparison.Ordinal), "an answer after the restart");

        int logger = _tree.RunPid(Path.Combine(dir, "log"));
        Assert.Empty(_session.RunClean("Disable-SvService web -ScanDirectory $scan", _tree.Vars()));

        Assert.False(Path.Exists(Path.Combine(_tree.Scan, "web")) || new FileInfo(Path.Combine(_tree.Scan, "web")).LinkTarget is not null);
        Assert.False(ScannedTree.Alive(third));
        Assert.False(ScannedTree.Alive(logger));
        Eventually.True(() => !_tree.Processes().Any(p => ScannedTree.CommandLine(p) is string c && (c.StartsWith("supervise", StringComparison.Ordinal) || c.Contains("multilog", StringComparison.Ordinal))), "no supervise or multilog left under svscan");
        Assert.Equal("NotSupervised", Property(_session.RunClean("Get-SvStat $dir", _tree.Vars(("dir", dir))).Single(), "State")!.ToString());
        Assert.True(File.Exists(Path.Combine(dir, "run")));

        Assert.Empty(_session.RunClean("Remove-SvService $dir -ScanDirectory $scan -Confirm:$false", _tree.Vars(("dir", dir))));
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tree.Repository));
    }

    [Fact]
    public void A_service_that_reports_readiness_is_awaited_until_ready_by_Enable_Start_and_Restart()
    {
        // Ready half a second after each start, through notification-fd 3.
        const string Slow = "sh -c 'sleep 0.5; echo >&3; exec sleep 1000'";
        PSObject created = _session.RunClean("New-SvService ready $command -Path $repo -ReadinessFd 3 -Enable -ScanDirectory $scan -Wait", _tree.Vars(("command", Slow))).Single();
        Assert.Equal("Ready", Property(created, "State")!.ToString());
        Assert.True((bool)Property(created, "Ready")!);
        int first = (int)Property(created, "ProcessId")!;

        PSObject restarted = _session.RunClean("Restart-SvService ready -ScanDirectory $scan -PassThru", _tree.Vars()).Single();
        Assert.Equal("Ready", Property(restarted, "State")!.ToString());
        Assert.NotEqual(first, Property(restarted, "ProcessId"));

        _session.RunClean("Stop-SvService ready -ScanDirectory $scan", _tree.Vars());
        PSObject started = _session.RunClean("Start-SvService ready -ScanDirectory $scan -PassThru", _tree.Vars()).Single();
        Assert.Equal("Ready", Property(started, "State")!.ToString());
    }

    [Fact]
    public void Suspend_and_Resume_wait_for_the_paused_flag_and_Get_SvStat_output_binds_by_Path()
    {
        _session.RunClean("New-SvService sleeper 'sleep 1000' -Path $repo -Enable -ScanDirectory $scan -Wait", _tree.Vars());

        PSObject suspended = _session.RunClean("Get-SvStat -Name sleeper -ScanDirectory $scan | Suspend-SvService -PassThru", _tree.Vars()).Single();
        Assert.True((bool)Property(suspended, "Paused")!);
        // supervise records the pause, then signals; the kernel stops the process when it next runs
        int pid = _tree.RunPid(Path.Combine(_tree.Repository, "sleeper"));
        Eventually.True(() => ProcessState(pid) == 'T', "the service stopped");
        PSObject resumed = _session.RunClean("Resume-SvService -Name sleeper -ScanDirectory $scan -PassThru", _tree.Vars()).Single();
        Assert.False((bool)Property(resumed, "Paused")!);
        Assert.Equal(Path.Combine(_tree.Scan, "sleeper"), Property(resumed, "Path"));
    }

    [Fact]
    public void WhatIf_changes_nothing()
    {
        _session.Host.Clear();
        Assert.Empty(_session.RunClean("New-SvService web 'sleep 1000' -Path $repo -Log -Enable -ScanDirectory $scan -WhatIf", _tree.Vars()));
        Assert.False(Directory.Exists(_tree.Repository));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_tree.Scan), p => Path.GetFileName(p) != ".svscan.lock");

        string dir = (string)Property(_session.RunClean("New-SvService web 'sleep 1000' -Path $repo", _tree.Vars()).Single(), "Path")!;
        Assert.Empty(_session.RunClean("Enable-SvService $dir -ScanDirectory $scan -WhatIf", _tree.Vars(("dir", dir))));
        Assert.False(Path.Exists(Path.Combine(_tree.Scan, "web")));

        _session.RunClean("Enable-SvService $dir -ScanDirectory $scan -Wait", _tree.Vars(("dir", dir)));
        int pid = _tree.RunPid(dir);
        _session.Host.Clear();
        foreach (string script in new[]
        {
            "Stop-SvService web -ScanDirectory $scan -WhatIf",
            "Restart-SvService web -ScanDirectory $scan -WhatIf",
            "Suspend-SvService web -ScanDirectory $scan -WhatIf",
            "Disable-SvService web -ScanDirectory $scan -WhatIf",
            "Remove-SvService $dir -ScanDirectory $scan -WhatIf",
        })
        {
            Assert.Empty(_session.RunClean(script, _tree.Vars(("dir", dir))));
        }
        Assert.Equal(5, Occurrences(_session.Host.Text, "What if:"));
        Assert.Equal(pid, _tree.RunPid(dir));
        Assert.Equal('S', ProcessState(pid));
        Assert.Equal(dir, new FileInfo(Path.Combine(_tree.Scan, "web")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void A_service_that_ignores_TERM_times_out_per_service_and_Ctrl_C_ends_the_wait()
    {
        const string Stubborn = "sh -c \"trap '' TERM; exec sleep 1000\"";
        string dir = (string)Property(_session.RunClean("New-SvService stubborn $command -Path $repo -Enable -ScanDirectory $scan -Wait", _tree.Vars(("command", Stubborn))).Single(), "Path")!;

        var (output, errors) = _session.Run("Stop-SvService stubborn -ScanDirectory $scan -Timeout 1 -PassThru; 'went on'", _tree.Vars());
        Assert.Equal(["went on"], output.Select(o => o.ToString()));
        ErrorRecord timeout = Assert.Single(errors);
        Assert.Equal("SvWaitTimeout,Daemontools.PowerShell.StopSvService", timeout.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, timeout.CategoryInfo.Category);

        using var ps = System.Management.Automation.PowerShell.Create(_session.Runspace);
        ps.AddCommand("Disable-SvService").AddParameter("Name", "stubborn").AddParameter("ScanDirectory", _tree.Scan).AddParameter("Timeout", 600);
        IAsyncResult running = ps.BeginInvoke();
        Eventually.True(() => !Path.Exists(Path.Combine(_tree.Scan, "stubborn")), "the entry out of the scan directory");
        Assert.False(running.IsCompleted);

        ps.Stop(); // what Ctrl+C does

        Assert.True(running.IsCompleted);
        int pid = _tree.RunPid(dir);
        Assert.True(ScannedTree.Alive(pid));
        // KILL cannot be ignored: the supervise told to exit then does, and svscan's shutdown has nothing to wait for
        _session.RunClean("Invoke-Svc -Path $dir -Kill -Force -Wait", _tree.Vars(("dir", dir)));
        Assert.False(ScannedTree.Alive(pid));
    }

    [Fact]
    public void Remove_asks_for_confirmation_as_a_high_impact_change()
    {
        string dir = (string)Property(_session.RunClean("New-SvService web 'sleep 1000' -Path $repo", _tree.Vars()).Single(), "Path")!;
        _session.Host.ChoiceAnswers.Enqueue(2); // "No"
        Assert.Empty(_session.RunClean("Remove-SvService $dir -ScanDirectory $scan", _tree.Vars(("dir", dir))));
        Assert.True(Directory.Exists(dir));
    }

    [Fact]
    public void Failures_have_stable_ids_categories_and_words()
    {
        _session.RunClean("New-SvService web 'sleep 1000' -Path $repo", _tree.Vars());
        string dir = Path.Combine(_tree.Repository, "web");

        AssertError("New-SvService web 'sleep 1' -Path $repo", "ServiceExists,Daemontools.PowerShell.NewSvService", ErrorCategory.ResourceExists, dir,
            $"The service directory '{dir}' exists already.");
        AssertError("New-SvService .web 'sleep 1' -Path $repo", "InvalidServiceDefinition,Daemontools.PowerShell.NewSvService", ErrorCategory.InvalidArgument, ".web");
        AssertError("New-SvService api 'sleep 1' -Path $repo -User no-such-account-dt", "AccountNotFound,Daemontools.PowerShell.NewSvService", ErrorCategory.ObjectNotFound, "no-such-account-dt",
            "There is no account named 'no-such-account-dt'.");
        AssertError("Start-SvService -Path $dir", "SuperviseNotRunning,Daemontools.PowerShell.StartSvService", ErrorCategory.ResourceUnavailable, dir);
        AssertError("Stop-SvService nothing-here -ScanDirectory $scan", "ServiceNotFound,Daemontools.PowerShell.StopSvService", ErrorCategory.ObjectNotFound, "nothing-here");
        AssertError("Disable-SvService -Path $dir -ScanDirectory $scan", "ServiceNotEnabled,Daemontools.PowerShell.DisableSvService", ErrorCategory.ObjectNotFound, dir,
            $"'{dir}' is not enabled in '{_tree.Scan}'.");
        Assert.Empty(_session.RunClean("Stop-SvService nothing* -ScanDirectory $scan", _tree.Vars()));

        File.CreateSymbolicLink(Path.Combine(_tree.Scan, "web"), "/nonexistent");
        AssertError("Enable-SvService $dir -ScanDirectory $scan", "ScanNameTaken,Daemontools.PowerShell.EnableSvService", ErrorCategory.ResourceExists, Path.Combine(_tree.Scan, "web"),
            $"'{Path.Combine(_tree.Scan, "web")}' exists already and is not '{dir}'.");
        File.Delete(Path.Combine(_tree.Scan, "web"));

        _session.RunClean("Enable-SvService $dir -ScanDirectory $scan -Wait", _tree.Vars(("dir", dir)));
        AssertError("New-SvService web 'sleep 1' -Path $repo -Force", "ServiceInUse,Daemontools.PowerShell.NewSvService", ErrorCategory.ResourceBusy, dir,
            $"A supervise runs in '{dir}'; disable the service before replacing it.");

        // terminating: the statement stops at the first service
        string none = Path.Combine(_tree.Root, "none");
        var (output, errors) = _session.Run("Get-SvStat -ScanDirectory $none; 'next statement'", _tree.Vars(("none", none)));
        Assert.Equal(["next statement"], output.Select(o => o.ToString()));
        Assert.Equal("ScanDirectoryNotFound,Daemontools.PowerShell.GetSvStat", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.Equal(none, errors[0].TargetObject);
    }

    [Fact]
    public void New_SvService_Enable_that_cannot_enable_creates_nothing()
    {
        string dir = Path.Combine(_tree.Repository, "api");
        File.CreateSymbolicLink(Path.Combine(_tree.Scan, "api"), "/nonexistent");
        AssertError("New-SvService api 'sleep 1' -Path $repo -Enable -ScanDirectory $scan", "ScanNameTaken,Daemontools.PowerShell.NewSvService", ErrorCategory.ResourceExists, Path.Combine(_tree.Scan, "api"));
        Assert.False(Path.Exists(dir));

        string none = Path.Combine(_tree.Root, "none");
        var (output, errors) = _session.Run("New-SvService api 'sleep 1' -Path $repo -Enable -ScanDirectory $none", _tree.Vars(("none", none)));
        Assert.Empty(output);
        Assert.Equal("ScanDirectoryNotFound,Daemontools.PowerShell.NewSvService", Assert.Single(errors).FullyQualifiedErrorId);
        Assert.False(Directory.Exists(_tree.Repository));
    }

    [Fact]
    public void Get_SvStat_without_paths_lists_every_service_of_the_scan_directory_with_loggers_as_name_slash_log()
    {
        _session.RunClean("New-SvService b 'sleep 1000' -Path $repo -Log -Enable -ScanDirectory $scan -Wait", _tree.Vars());
        _session.RunClean("New-SvService a 'sleep 1000' -Path $repo -Down -Enable -ScanDirectory $scan -Wait", _tree.Vars());

        PSObject[] all = [.. _session.RunClean("Get-SvStat -ScanDirectory $scan", _tree.Vars())];
        Assert.Equal(["a", "b", "b/log"], all.Select(s => Property(s, "Name")));
        Assert.Equal(["Down", "Up", "Up"], all.Select(s => Property(s, "State")!.ToString()));
        Assert.Equal([false, true, true], all.Select(s => (bool)Property(s, "NormallyUp")!));
        Assert.Equal(["b/log"], _session.RunClean("Get-SvStat -Name */log -ScanDirectory $scan", _tree.Vars()).Select(s => Property(s, "Name")));
        Assert.Equal(["b/log"], _session.RunClean("Get-SvStat ($scan + '/*/log')", _tree.Vars()).Select(s => Property(s, "Name")));
        Assert.Equal(["Up"], _session.RunClean("Wait-SvStat -Name b Up -ScanDirectory $scan", _tree.Vars()).Select(s => Property(s, "State")!.ToString()));
        Assert.Equal([true, true], _session.RunClean("Test-SvOk -Name a, b/log -ScanDirectory $scan", _tree.Vars()).Select(o => (bool)o.BaseObject));
        Assert.Equal(["Up"], _session.RunClean("Invoke-Svc -Name a -Up -Wait -PassThru -ScanDirectory $scan", _tree.Vars()).Select(s => Property(s, "State")!.ToString()));
    }

    [Fact]
    public void A_never_supervised_directory_without_down_is_normally_up()
    {
        string dir = (string)Property(_session.RunClean("New-SvService web 'sleep 1000' -Path $repo", _tree.Vars()).Single(), "Path")!;
        PSObject status = _session.RunClean("Get-SvStat $dir", _tree.Vars(("dir", dir))).Single();
        Assert.Equal("NotSupervised", Property(status, "State")!.ToString());
        Assert.True((bool)Property(status, "NormallyUp")!);
    }

    [Fact]
    public void A_log_added_after_svscan_first_saw_the_service_is_reported_detached()
    {
        string dir = (string)Property(_session.RunClean("New-SvService web 'sleep 1000' -Path $repo -Enable -ScanDirectory $scan -Wait", _tree.Vars()).Single(), "Path")!;
        Assert.False((bool)Property(_session.RunClean("Get-SvStat -Name web -ScanDirectory $scan", _tree.Vars()).Single(), "LogDetached")!);

        Directory.CreateDirectory(Path.Combine(dir, "log"));
        File.WriteAllText(Path.Combine(dir, "log", "run"), "#!/bin/sh\nexec multilog t ./main\n");

        Assert.True((bool)Property(_session.RunClean("Get-SvStat -Name web -ScanDirectory $scan", _tree.Vars()).Single(), "LogDetached")!);
    }

    [Fact]
    public void Invoke_Svc_Kill_PassThru_returns_the_status_once_the_killed_process_is_gone()
    {
        string dir = (string)Property(_session.RunClean("New-SvService web 'sleep 1000' -Path $repo -Enable -ScanDirectory $scan -Wait", _tree.Vars()).Single(), "Path")!;
        int before = _tree.RunPid(dir);

        PSObject after = _session.RunClean("Invoke-Svc -Name web -Kill -Force -PassThru -ScanDirectory $scan", _tree.Vars()).Single();

        Assert.NotEqual(before, Property(after, "ProcessId"));
        Assert.False(ScannedTree.Alive(before));
    }

    [Fact]
    public void Invoke_Svc_Down_Up_PassThru_returns_the_status_once_the_new_process_runs()
    {
        // Takes half a second to end after TERM, so the old process is still up when svc's reply comes.
        const string Slow = "sh -c 'trap \"kill $!; sleep 0.5; exit 0\" TERM; sleep 1000 & wait'";
        string dir = (string)Property(_session.RunClean("New-SvService web $command -Path $repo -Enable -ScanDirectory $scan -Wait", _tree.Vars(("command", Slow))).Single(), "Path")!;

        // -Command keeps the order given; switches have none, and -Up -Down is svc -du too.
        foreach (string script in new[] { "Invoke-Svc -Name web -Command Down, Up -PassThru -ScanDirectory $scan", "Invoke-Svc -Name web -Up -Down -PassThru -ScanDirectory $scan" })
        {
            int before = _tree.RunPid(dir);

            PSObject after = _session.RunClean(script, _tree.Vars()).Single();

            Assert.Equal("Up", Property(after, "State")!.ToString());
            Assert.NotEqual(before, Property(after, "ProcessId"));
            Assert.False(ScannedTree.Alive(before));
            Assert.Equal(Property(after, "ProcessId"), _tree.RunPid(dir));
        }
    }

    [Fact]
    public void New_SvService_output_pipes_into_Enable_SvService()
    {
        PSObject status = _session.RunClean("New-SvService web 'sleep 1000' -Path $repo | Enable-SvService -ScanDirectory $scan -Wait -PassThru", _tree.Vars()).Single();
        Assert.Equal("Up", Property(status, "State")!.ToString());
        Assert.Equal(Path.Combine(_tree.Scan, "web"), Property(status, "Path"));
    }

    [Fact]
    public void Names_complete_from_the_scan_directory_accounts_and_signals_from_their_lists()
    {
        _session.RunClean("New-SvService web 'sleep 1000' -Path $repo -Log -Enable -ScanDirectory $scan", _tree.Vars());
        _session.RunClean("New-SvService worker 'sleep 1000' -Path $repo -Enable -ScanDirectory $scan", _tree.Vars());

        Assert.Equal(["web", "web/log", "worker"], Complete($"Stop-SvService -ScanDirectory {_tree.Scan} -Name w"));
        Assert.Equal(["web/log"], Complete($"Get-SvStat -ScanDirectory {_tree.Scan} -Name web/"));
        Assert.Contains("root", Complete("New-SvService x y -User ro"));
        Assert.Contains("nobody", Complete("New-SvService x y -LogUser nob"));
        Assert.Equal(["HUP"], Complete("New-SvService x y -DownSignal H"));
    }

    private string[] Complete(string input)
    {
        using var ps = System.Management.Automation.PowerShell.Create(_session.Runspace);
        CommandCompletion completion = CommandCompletion.CompleteInput(input, input.Length, null, ps);
        return [.. completion.CompletionMatches.Select(m => m.CompletionText)];
    }

    /// <summary>The one error <paramref name="script"/> writes has this id, category and target (and, when given, shows <paramref name="message"/>).</summary>
    private void AssertError(string script, string id, ErrorCategory category, string target, string? message = null)
    {
        var (_, errors) = _session.Run(script, _tree.Vars(("dir", Path.Combine(_tree.Repository, "web"))));
        ErrorRecord error = Assert.Single(errors);
        Assert.Equal(id, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        if (message is not null) Assert.Equal(message, error.ErrorDetails?.Message ?? error.Exception.Message);
    }

    private static int Occurrences(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private static char ProcessState(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);
}
