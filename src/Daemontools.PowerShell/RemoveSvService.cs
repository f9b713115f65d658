using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>
/// Removes service directories: disabled first wherever they are enabled in the scan directory
/// (the safe removal of Disable-SvService), then deleted. Refused while a supervise still runs in
/// one (enabled in another scan directory, or started by hand).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SvService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveSvService : SvPathCmdlet
{
    /// <summary>The scan directory where the services are disabled first (default: $env:SVDIR, else /etc/service).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScanDirectory { get; set; }

    /// <summary>Seconds the stop may take per service.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 30;

    protected override void ProcessRecord()
    {
        string scan = ScanDirectoryPath(ScanDirectory);
        foreach (string path in DirectoriesAt(Path))
        {
            if (!ShouldProcess(path, "Remove service (disable it, then delete the directory)")) continue;
            try
            {
                ServiceRemoval.Remove(path, scan, TimeSpan.FromSeconds(Timeout), Cancellation);
            }
            catch (ServiceLifecycleException e)
            {
                WriteFailure(e);
            }
        }
    }
}
