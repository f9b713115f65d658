using Daemontools.Engine.Logging;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands;

/// <summary>multilog: reads a log from stdin and files it as its script says.</summary>
internal static class MultilogCommand
{
    public const string Name = "multilog";

    public static int Run(string[] args)
    {
        CurrentProcess.SetCreationMask(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite); // 022, as the original
        string start;
        try
        {
            start = Directory.GetCurrentDirectory();
        }
        catch (IOException)
        {
            throw Failure.Fatal(Name, "unable to switch to current directory", errno: Errno.ENOENT);
        }

        // Caught first: the original blocks TERM and ALRM from the start and acts on them at a read boundary.
        LoggerSignals signals;
        try
        {
            signals = new LoggerSignals();
        }
        catch (MultilogException e)
        {
            throw Failure.Fatal(Name, StartupText(e.Step, e.Path), errno: e.Errno);
        }
        using var catching = signals;

        var options = new MultilogOptions
        {
            StartDirectory = start,
            Journal = StandardStream.Input.IsPipe,
            RemoveOrphanedJournals = true,
            Alert = bytes => StandardStream.Error.TryWriteAll(bytes),
            Warning = Warn,
        };

        Multilog log;
        try
        {
            log = Multilog.Open(MultilogScript.Parse(args), options);
        }
        catch (MultilogException e)
        {
            throw Failure.Fatal(Name, StartupText(e.Step, e.Path), errno: e.Errno);
        }
        using (log)
        using (var pump = new LinePump(log, StandardStream.Input))
        {
            signals.Attach(pump);
            pump.Run();
        }
        return 0;
    }

    private static string StartupText(MultilogStep step, string? path) => step switch
    {
        MultilogStep.CatchSignals => "unable to catch TERM and ALRM",
        MultilogStep.OpenDirectory => $"unable to open directory {path}",
        MultilogStep.LockDirectory => $"unable to lock directory {path}",
        MultilogStep.Stat => $"unable to stat {path}",
        MultilogStep.Append => $"unable to append to {path}",
        MultilogStep.SetMode => $"unable to set mode of {path}",
        MultilogStep.Write => $"unable to write to {path}",
        MultilogStep.CreateStatusFile => $"unable to create {path}",
        _ => $"unable to write {path}",
    };

    /// <summary>"multilog: warning: unable to write to ./log/current, pausing: out of disk space".</summary>
    private static void Warn(LogWarning warning)
    {
        string path = warning.Path;
        string text = warning.Kind switch
        {
            LogWarningKind.Write => $"unable to write to {path}, pausing",
            LogWarningKind.Sync => $"unable to write {path} to disk, pausing",
            LogWarningKind.RenameCurrent => $"unable to rename current to previous in directory {path}, pausing",
            LogWarningKind.Create => $"unable to create {path}, pausing",
            LogWarningKind.SetMode => $"unable to set mode of {path}, pausing",
            LogWarningKind.Remove => $"unable to remove {path}, pausing",
            LogWarningKind.RenameNewState => $"unable to rename newstate to state in directory {path}, pausing",
            LogWarningKind.StartProcessor => $"unable to fork for processor in {path}, pausing",
            LogWarningKind.ProcessorCrashed => $"processor crashed in {path}, pausing",
            LogWarningKind.ProcessorFailed => $"processor failed in {path}, pausing",
            LogWarningKind.Stat => $"unable to stat {path}, pausing",
            LogWarningKind.Link => $"unable to link to {path}, pausing",
            LogWarningKind.ReadDirectory => $"unable to read {path}, pausing",
            LogWarningKind.NoJournal => $"unable to keep the journal {path}, logging without it",
            LogWarningKind.Unmeasured => $"unable to tell how much of the input interrupted by a kill reached {path}, logging it again",
            _ => $"unable to write {path}, pausing",
        };
        bool withoutErrno = warning.Errno == Errno.None && warning.Kind is LogWarningKind.ProcessorFailed or LogWarningKind.NoJournal or LogWarningKind.Unmeasured;
        Diagnostics.Warning(Name, text, warning.Errno, withErrno: !withoutErrno);
    }
}
