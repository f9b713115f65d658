namespace Daemontools.PowerShell;

/// <summary>
/// The daemontools-faced cmdlets (Get-SvStat, Test-SvOk, Wait-SvStat, Invoke-Svc): service
/// directories by -Path first (positional, from the pipeline), or by -Name in a scan directory.
/// </summary>
public abstract class SvDirectoryCmdlet : SupervisionCmdlet
{
    /// <summary>Service directory paths.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Service names in the scan directory (wildcards; NAME/log for a logger).</summary>
    [Parameter(ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The scan directory -Name refers to (default: $env:SVDIR, else /etc/service).</summary>
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string? ScanDirectory { get; set; }

    /// <summary>True for a cmdlet that, given neither paths nor names, reads every service of the scan directory.</summary>
    protected virtual bool ListsEveryServiceByDefault => false;

    /// <summary>The directories the parameters name, as full file-system paths.</summary>
    protected IEnumerable<string> ServiceDirectories() => ParameterSetName == PathSet ? DirectoriesAt(Path) : NamedDirectories();

    /// <summary>The directories the parameters name, a literal -Path not looked up (see <see cref="SupervisionCmdlet.PathsAt"/>).</summary>
    private protected IEnumerable<ServicePath> ServicePaths() =>
        ParameterSetName == PathSet ? PathsAt(Path) : NamedDirectories().Select(directory => new ServicePath(directory, null));

    private IEnumerable<string> NamedDirectories()
    {
        if (Name.Length == 0 && !ListsEveryServiceByDefault)
        {
            ThrowFailure(new ArgumentException("Name the services with -Name or -Path."), ErrorId.ServiceNotGiven, null);
        }
        return ServicesNamed(Name, ScanDirectory).Select(s => s.Directory);
    }
}
