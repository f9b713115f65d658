using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>What an envdir directory would set: one object per variable, a removal as a null value.</summary>
[Cmdlet(VerbsCommon.Get, "EnvDir")]
[OutputType(typeof(EnvDirVariable))]
public sealed class GetEnvDir : DirectoryPathCmdlet
{
    protected override void ProcessRecord()
    {
        foreach ((string given, string directory) in Directories())
        {
            if (ReadEnvDirectory(directory, given, terminating: false) is not { } entries) continue;
            foreach (EnvDirectoryEntry entry in entries) WriteObject(new EnvDirVariable(entry.NameText, entry.ValueText, directory));
        }
    }
}
