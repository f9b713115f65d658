using System.Management.Automation;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>svok: $true when a supervise is running on the directory, $false when not.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SvOk", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestSvOk : SvDirectoryCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            switch (SuperviseProbe.Check(directory, out int errno))
            {
                case ProbeOutcome.Running:
                    WriteObject(true);
                    break;
                case ProbeOutcome.NotRunning or ProbeOutcome.NeverRan:
                    WriteObject(false);
                    break;
                case ProbeOutcome.DirectoryUnavailable:
                    WriteNotFound(directory);
                    break;
                default:
                    WriteFailure(new UnixException(errno, "open", directory + "/supervise/ok"), "SuperviseProbeFailed", ErrorCategory.ReadError, directory);
                    break;
            }
        }
    }
}
