using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Scanning;

namespace Daemontools.PowerShell;

/// <summary>
/// Starts the module's native svscan on a service directory, in its own session with its output
/// in readproctitle (default) or a log file. svscan stays a child of this process, reaped the
/// moment it ends. -Wait keeps it in the foreground until Ctrl+C, SIGTERM or SIGHUP, which bring
/// the tree down in order (and then, for a signal, let the signal end pwsh as it would have).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SvScan", SupportsShouldProcess = true, DefaultParameterSetName = ReadProcTitleSet)]
[OutputType(typeof(SvScanProcess))]
public sealed class StartSvScan : DaemontoolsCmdlet
{
    private const string ReadProcTitleSet = "ReadProcTitle";
    private const string LogFileSet = "LogFile";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly ManualResetEventSlim _stop = new(false);

    /// <summary>The service directory to scan.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = string.Empty;

    /// <summary>Append svscan's output to this file instead of readproctitle.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LogFileSet)]
    public string LogPath { get; set; } = string.Empty;

    /// <summary>Send svscan's output to readproctitle, visible in ps (the default, except with -Wait, where it goes to the console).</summary>
    [Parameter(ParameterSetName = ReadProcTitleSet)]
    public SwitchParameter ReadProcTitle { get; set; }

    /// <summary>Run in the foreground until Ctrl+C, SIGTERM or SIGHUP, then stop the tree in order.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how long the shutdown may take before everything is killed.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 35;

    protected override void ProcessRecord()
    {
        string directory = GetUnresolvedProviderPathFromPSPath(Path);
        if (!Directory.Exists(directory))
        {
            WriteFailure(new DirectoryNotFoundException($"no service directory {directory}"), ErrorId.ServiceDirectoryNotFound, Path);
            return;
        }
        int running = ScanDirectory.ScannerPid(directory);
        if (running != 0)
        {
            string who = running > 0 ? $" (pid {running})" : string.Empty;
            WriteFailure(new InvalidOperationException($"svscan is already running on {directory}{who}"), ErrorId.SvScanAlreadyRunning, directory);
            return;
        }
        RequirePrograms();
        if (!ShouldProcess(directory, "Start svscan")) return;

        var launch = new ScannerLaunch(ModuleFolder.Bin, directory)
        {
            Output = ParameterSetName == LogFileSet ? ScannerOutput.File
                : ReadProcTitle || !Wait ? ScannerOutput.ReadProcTitle
                : ScannerOutput.Inherit,
            LogFile = ParameterSetName == LogFileSet ? GetUnresolvedProviderPathFromPSPath(LogPath) : null,
        };
        // With -Wait, a SIGTERM or SIGHUP from the moment svscan exists brings its tree down first.
        TerminationSignals? signals = Wait ? new TerminationSignals(_stop) : null;
        try
        {
            Launch(launch, directory);
        }
        finally
        {
            signals?.Dispose();
        }
        signals?.Resend();
    }

    private void Launch(ScannerLaunch launch, string directory)
    {
        DateTime started = DateTime.UtcNow;
        ScannerChild child;
        int pid;
        try
        {
            child = launch.Start();
        }
        catch (ScannerStartException e)
        {
            WriteFailure(e, ErrorId.SvScanStartFailed, directory);
            return;
        }
        try
        {
            pid = launch.AwaitScanner(StartTimeout, child);
        }
        catch (ScannerStartException e)
        {
            // The child's session holds everything it started: nothing of a failed start is left running.
            child.KillSession();
            child.WaitForEnd(StartTimeout);
            WriteFailure(e, ErrorId.SvScanStartFailed, directory);
            return;
        }
        ScannerChildren.Add(pid, child);
        var process = new SvScanProcess(directory, pid, started);
        try
        {
            WriteObject(process);
            if (Wait) WaitHandle.WaitAny([_stop.WaitHandle, child.Ended]);
        }
        finally
        {
            // Ctrl+C (also while writing the object), SIGTERM or SIGHUP: the tree goes down in order first.
            if (Wait && !child.HasEnded)
            {
                ScannerStop.Stop(directory, pid, TimeSpan.FromSeconds(Timeout));
                ScannerChildren.AwaitReaped(pid, TimeSpan.FromSeconds(Timeout));
            }
        }
    }

    protected override void StopProcessing() => _stop.Set();

    /// <summary>Every program the tree runs from bin/ must be the module's own: svscan finds supervise, and log services multilog, through PATH.</summary>
    private void RequirePrograms()
    {
        try
        {
            foreach (string name in (string[])["svscan", "supervise", "readproctitle", "multilog"]) ModulePrograms.Require(name);
        }
        catch (ModuleProgramException e)
        {
            ThrowFailure(e, ErrorId.ModuleProgramUnavailable, e.Path);
        }
    }
}
