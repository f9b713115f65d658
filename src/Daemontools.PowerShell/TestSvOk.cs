using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

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
            ProbeResult probe = SuperviseProbe.Check(directory);
            switch (probe.Outcome)
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
                    WriteFailure(new IOException($"Cannot open {directory}/supervise/ok: {probe.Errno.Description()}."), ErrorId.SuperviseProbeFailed, directory);
                    break;
            }
        }
    }
}
