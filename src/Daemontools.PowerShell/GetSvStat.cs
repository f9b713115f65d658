using System.Management.Automation;

namespace Daemontools.PowerShell;

/// <summary>svstat as objects: the status of each service directory, read in-process.</summary>
[Cmdlet(VerbsCommon.Get, "SvStat")]
[OutputType(typeof(SvStat))]
public sealed class GetSvStat : SupervisionCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            if (ReadStatus(directory) is SvStat status) WriteObject(status);
        }
    }
}
