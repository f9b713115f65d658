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
        foreach (ServicePath path in ServicePaths())
        {
            if (ReadStatus(path) is not SvStat status) continue;
            if (IncludeHistory) status.History = [.. Engine.Supervision.DeathTally.Read(path.Directory).Select(d => new SvDeath(d))];
            if (IncludeLog && System.IO.Path.Combine(path.Directory, "log") is var log && Directory.Exists(log)) status.Log = ReadStatus(log);
            WriteObject(status);
        }
    }
}
