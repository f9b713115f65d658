using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>
/// Disables services the way daemontools documents: the entry leaves the scan directory first (so
/// svscan cannot start it again), then the service is stopped and its supervise exits, then the
/// logger reads what is left in its pipe and is stopped too. The service directory stays.
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "SvService", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
[OutputType(typeof(SvStat))]
public sealed class DisableSvService : SvServiceCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (EnabledService entry in Entries())
        {
            if (!ShouldProcess(entry.Path, "Disable (remove from the scan directory, then svc -dx the service and its logger)")) continue;
            try
            {
                string directory = ServiceRemoval.Disable(entry, TimeSpan.FromSeconds(Timeout), Cancellation);
                if (PassThru && ReadStatus(directory) is SvStat status) WriteObject(status);
            }
            catch (ServiceLifecycleException e)
            {
                WriteFailure(e);
            }
        }
    }

    /// <summary>
    /// The scan directory entries to disable: by name; by path, the link itself when the path is one
    /// (its folder is the scan directory), else the entries of the scan directory that are that directory.
    /// </summary>
    private IEnumerable<EnabledService> Entries()
    {
        if (ParameterSetName == NameSet)
        {
            foreach (NamedService named in ServicesNamed(Name, ScanDirectory))
            {
                if (named.Logger)
                {
                    WriteFailure(new ArgumentException($"'{named.Name}' is a logger: disable its service, '{named.Entry.Name}'."), ErrorId.LoggerNotDisabledAlone, named.Name);
                    continue;
                }
                yield return named.Entry;
            }
            yield break;
        }
        foreach (string path in DirectoriesAt(Path))
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                yield return new EnabledService(System.IO.Path.GetFileName(path), path, IsLink: true, Directory.Exists(System.IO.Path.Combine(path, "log")));
                continue;
            }
            IReadOnlyList<EnabledService> entries = [];
            try
            {
                entries = ServiceLink.Find(Scan, path);
            }
            catch (ServiceLifecycleException e)
            {
                WriteFailure(e);
                continue;
            }
            if (entries.Count == 0) WriteFailure(new ServiceLifecycleException(LifecycleStep.FindEnabled, path, other: Scan));
            foreach (EnabledService entry in entries) yield return entry;
        }
    }
}
