using System.Management.Automation;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Scanning;

namespace Daemontools.PowerShell;

/// <summary>
/// Starts the module's native svscan on a service directory, detached in its own session with
/// its output in readproctitle (default) or a log file; -Wait keeps it in the foreground until
/// Ctrl+C, which brings the tree down in order.
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

    /// <summary>Run in the foreground until Ctrl+C, then stop the tree in order.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how long the shutdown after Ctrl+C may take before everything is killed.</summary>
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
        if (!File.Exists(System.IO.Path.Combine(ModuleFolder.Bin, "svscan")))
        {
            ThrowFailure(new FileNotFoundException($"svscan is missing from {ModuleFolder.Bin}: build the module first"), ErrorId.ProgramNotFound, ModuleFolder.Bin);
        }
        if (!ShouldProcess(directory, "Start svscan")) return;

        var launch = new ScannerLaunch(ModuleFolder.Bin, directory)
        {
            Output = ParameterSetName == LogFileSet ? ScannerOutput.File
                : ReadProcTitle || !Wait ? ScannerOutput.ReadProcTitle
                : ScannerOutput.Inherit,
            LogFile = ParameterSetName == LogFileSet ? GetUnresolvedProviderPathFromPSPath(LogPath) : null,
        };
        DateTimeOffset started = DateTimeOffset.Now;
        try
        {
            if (Wait) RunInForeground(launch, directory, started);
            else WriteObject(new SvScanProcess(directory, launch.StartDetached(StartTimeout), started));
        }
        catch (ScannerStartException e)
        {
            WriteFailure(e, ErrorId.SvScanStartFailed, directory);
        }
    }

    protected override void StopProcessing() => _stop.Set();

    private void RunInForeground(ScannerLaunch launch, string directory, DateTimeOffset started)
    {
        StartedProgram child = launch.StartForeground();
        int pid = launch.AwaitScanner(StartTimeout, child);
        WriteObject(new SvScanProcess(directory, pid, started));
        while (!child.TryReap())
        {
            if (_stop.Wait(100))
            {
                ScannerStop.Stop(directory, pid, TimeSpan.FromSeconds(Timeout));
                child.Wait();
                return;
            }
        }
    }
}
