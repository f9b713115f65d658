using System.Management.Automation;
using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>What an envdir directory would set: one object per variable, a removal as a null value.</summary>
[Cmdlet(VerbsCommon.Get, "EnvDir")]
[OutputType(typeof(EnvDirVariable))]
public sealed class GetEnvDir : DaemontoolsCmdlet
{
    /// <summary>The env directories.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (string given in Path)
        {
            string directory = GetUnresolvedProviderPathFromPSPath(given);
            if (ReadEnvDirectory(directory, given, terminating: false) is not { } entries) continue;
            foreach (EnvDirectoryEntry entry in entries) WriteObject(new EnvDirVariable(entry.NameText, entry.ValueText, directory));
        }
    }
}
