using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>
/// Enables service directories: an absolute symbolic link SCAN/NAME to each, made in one step so
/// svscan picks up a complete service at once. -Wait waits until svscan runs it (up, or down when
/// it has a down file, with its logger up).
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "SvService", SupportsShouldProcess = true)]
[OutputType(typeof(SvStat))]
public sealed class EnableSvService : SvPathCmdlet
{
    /// <summary>The name in the scan directory (default: the directory's name); for one directory only.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The scan directory (default: $env:SVDIR, else /etc/service).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScanDirectory { get; set; }

    /// <summary>Wait until svscan runs the service (up, or down with a down file; its logger up).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds -Wait waits per service.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 30;

    /// <summary>Output the status of each enabled service (after waiting, with -Wait).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string scan = ScanDirectoryPath(ScanDirectory);
        foreach (string directory in DirectoriesAt(Path))
        {
            string name = Name ?? System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(directory));
            if (!ShouldProcess(directory, $"Enable as {System.IO.Path.Combine(scan, name)}")) continue;
            EnabledService entry;
            try
            {
                entry = ServiceLink.Enable(scan, directory, name, out _);
            }
            catch (ServiceLifecycleException e)
            {
                WriteFailure(e);
                continue;
            }
            catch (ArgumentException e)
            {
                ThrowFailure(e, ErrorId.InvalidServiceName, name);
                return;
            }
            ServiceStatus? status = null;
            if (Wait)
            {
                status = AwaitRunning(entry, Timeout, Cancellation);
                if (status is null) continue;
            }
            if (PassThru) WriteStatus(entry.Path, status);
        }
    }
}
