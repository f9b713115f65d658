namespace Daemontools.PowerShell;

/// <summary>
/// Get-EnvDir, Get-MultilogEntry and Stop-SvScan: directories by -Path (positional, from the
/// pipeline by value or as FullName), each taken as given, not as a wildcard.
/// </summary>
public abstract class DirectoryPathCmdlet : DaemontoolsCmdlet
{
    /// <summary>The directories.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    /// <summary>Each path as given (for error records) with its full file-system path.</summary>
    protected IEnumerable<(string Given, string Directory)> Directories() =>
        Path.Select(given => (given, GetUnresolvedProviderPathFromPSPath(given)));
}
