using System.Diagnostics;
using Daemontools.Engine.Scanning;

namespace Daemontools.PowerShell;

/// <summary>
/// The orderly shutdown of a service tree: SIGTERM to the svscan scanning the directory, which
/// brings every service down, lets each logger drain and exits; past -Timeout everything left
/// is killed. Reports what it stopped.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "SvScan", SupportsShouldProcess = true)]
[OutputType(typeof(SvScanStopResult))]
public sealed class StopSvScan : DirectoryPathCmdlet
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Seconds to wait for the orderly shutdown before killing what is left (svscan itself gives up and kills after 30).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 35;

    protected override void ProcessRecord()
    {
        foreach ((string path, string directory) in Directories()) Stop(path, directory);
    }

    protected override void StopProcessing() => _cancel.Cancel();

    private void Stop(string path, string directory)
    {
        int pid = ScanDirectory.ScannerPid(directory);
        if (pid == 0)
        {
            WriteFailure(new InvalidOperationException($"no svscan is running on {directory}"), ErrorId.SvScanNotRunning, path);
            return;
        }
        if (pid < 0)
        {
            WriteFailure(new InvalidOperationException($"an svscan holds {directory}/{ScanDirectory.LockName} but its pid cannot be read"), ErrorId.SvScanPidUnknown, path);
            return;
        }
        IReadOnlyList<string> services = ScannerStop.SupervisedServices(directory);
        if (!ShouldProcess(directory, $"Stop svscan (pid {pid}) and the {services.Count} supervised services")) return;
        var clock = Stopwatch.StartNew();
        bool clean = ScannerStop.Stop(directory, pid, TimeSpan.FromSeconds(Timeout), _cancel.Token);
        // An svscan this process started is its child: wait for the reaper, so nothing is left, not even a zombie.
        ScannerChildren.AwaitReaped(pid, TimeSpan.FromSeconds(Math.Max(0, Timeout - clock.Elapsed.TotalSeconds)));
        WriteObject(new SvScanStopResult(directory, pid, services, !clean, clock.Elapsed));
    }
}
