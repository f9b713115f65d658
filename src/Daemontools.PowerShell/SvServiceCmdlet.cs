using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>
/// The Get-Service-style cmdlets (Start-, Stop-, Restart-, Suspend-, Resume-, Disable-SvService):
/// services by -Name first (positional, wildcards, `web/log` for web's logger, strings from the
/// pipeline) in the scan directory, or by -Path (Get-SvStat output binds by property name); each
/// waits per service up to -Timeout and, with -PassThru, outputs the status it leaves.
/// </summary>
public abstract class SvServiceCmdlet : SupervisionCmdlet
{
    /// <summary>Service names in the scan directory (wildcards; NAME/log for a logger).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Service directory paths (Get-SvStat's Path, Get-ChildItem's FullName).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Seconds each service may take to reach its state before a non-terminating SvWaitTimeout error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 30;

    /// <summary>Output each service's status once done.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The scan directory -Name refers to (default: $env:SVDIR, else /etc/service).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScanDirectory { get; set; }

    /// <summary>The full path of the scan directory in use.</summary>
    protected string Scan => ScanDirectoryPath(ScanDirectory);

    /// <summary>The directories the parameters name, as full file-system paths.</summary>
    protected IEnumerable<string> ServiceDirectories() =>
        ParameterSetName == PathSet ? DirectoriesAt(Path) : ServicesNamed(Name, ScanDirectory).Select(s => s.Directory);

    /// <summary>Reports a lifecycle failure as a non-terminating error; returns false so callers can skip the item.</summary>
    protected bool Failed(ServiceLifecycleException failure)
    {
        WriteFailure(failure);
        return false;
    }
}
