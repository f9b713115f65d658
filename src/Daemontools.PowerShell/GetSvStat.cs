using System.Management.Automation;

namespace Daemontools.PowerShell;

/// <summary>svstat as objects: the status of each service directory, read in-process. With no arguments, every service and logger of the scan directory.</summary>
[Cmdlet(VerbsCommon.Get, "SvStat", DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class GetSvStat : SvDirectoryCmdlet
{
    /// <summary>Also read each directory's log/ (the logger svscan runs beside the service) into the Log property.</summary>
    [Parameter]
    public SwitchParameter IncludeLog { get; set; }

    /// <summary>Also read supervise/death_tally (the deaths of ./run, oldest first) into the History property.</summary>
    [Parameter]
    public SwitchParameter IncludeHistory { get; set; }

    /// <inheritdoc />
    protected override bool ListsEveryServiceByDefault => true;

    protected override void ProcessRecord()
    {
        foreach (string directory in ServiceDirectories())
        {
            if (ReadStatus(directory) is not SvStat status) continue;
            if (IncludeHistory) status.History = [.. Engine.Supervision.DeathTally.Read(directory).Select(d => new SvDeath(d))];
            string log = System.IO.Path.Combine(directory, "log");
            if (IncludeLog && Directory.Exists(log)) status.Log = ReadStatus(log);
            WriteObject(status);
        }
    }
}
