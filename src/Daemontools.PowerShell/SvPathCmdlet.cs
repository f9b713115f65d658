namespace Daemontools.PowerShell;

/// <summary>
/// Enable-SvService and Remove-SvService: service directories by -Path alone (positional,
/// wildcards, from the pipeline by value or by property name: New-SvService's and Get-SvStat's
/// Path, Get-ChildItem's FullName).
/// </summary>
public abstract class SvPathCmdlet : SupervisionCmdlet
{
    /// <summary>Service directory paths.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];
}
