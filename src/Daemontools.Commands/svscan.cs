using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Scanning;

namespace Daemontools.Commands;

/// <summary>
/// svscan [dir]: one supervise per service directory, log pairing through a pipe, rescans.
/// Beyond 0.76: new directories start at once (inotify), SIGHUP rescans, SIGTERM brings the
/// tree down in order, and a lock refuses a second svscan on the same directory.
/// </summary>
internal static class SvscanCommand
{
    public const string Name = "svscan";

    public static int Run(string[] args)
    {
        try
        {
            if (args.Length > 0) CurrentProcess.ChangeWorkingDirectory(args[0]);
        }
        catch (WorkingDirectoryException e)
        {
            throw Failure.Fatal(Name, $"unable to chdir to {args[0]}", errno: e.Errno);
        }
        Lock(args.Length > 0 ? args[0] : ".");
        using var loop = new ScanLoop(new ScanOptions(), Warn);
        return loop.Run() ? 0 : 111;
    }

    /// <summary>Takes the scan directory's lock for life; another svscan holding it is fatal, a directory we cannot write to only loses the protection.</summary>
    private static void Lock(string directory)
    {
        ScanLock taken = ScanDirectory.LockWorkingDirectory();
        switch (taken.Outcome)
        {
            case ScanLockOutcome.HeldElsewhere:
                string who = taken.HolderPid > 0 ? $" (pid {taken.HolderPid})" : string.Empty;
                throw Failure.Fatal(Name, $"unable to acquire {directory}/{ScanDirectory.LockName}: another svscan is running there{who}");
            case ScanLockOutcome.Unavailable:
                Diagnostics.Warning(Name, $"unable to lock {ScanDirectory.LockName}", taken.Errno);
                break;
        }
    }

    private static void Warn(ScanWarning warning)
    {
        string name = warning.Name;
        string text = warning.Kind switch
        {
            ScanWarningKind.Stat => $"unable to stat {name}",
            ScanWarningKind.StatLog => $"unable to stat {name}/log",
            ScanWarningKind.TooManyServices => $"unable to start {name}: running too many services",
            ScanWarningKind.CreatePipe => $"unable to create pipe for {name}",
            ScanWarningKind.Fork => $"unable to fork for {name}",
            ScanWarningKind.ForkLog => $"unable to fork for {name}/log",
            ScanWarningKind.Start => $"unable to start supervise {name}",
            ScanWarningKind.StartLog => $"unable to start supervise {name}/log",
            ScanWarningKind.ReadDirectory => "unable to read directory",
            ScanWarningKind.Watch => "unable to watch directory, rescanning every 5 seconds only",
            ScanWarningKind.Signals => "unable to read signals, rescanning every 5 seconds only",
            ScanWarningKind.ShutdownTimedOut => $"shutdown timed out: killed supervise {name}",
            ScanWarningKind.LateLog => $"{name}/log appeared after supervise {name} started: {name} is not logged until its supervise restarts (svc -dx {name})",
            ScanWarningKind.TakeBackPipe => $"unable to take back the pipe between the running supervise {name} and {name}/log, making a new one",
            _ => name,
        };
        bool withErrno = warning.Kind is not (ScanWarningKind.TooManyServices or ScanWarningKind.ShutdownTimedOut or ScanWarningKind.LateLog);
        Diagnostics.Warning(Name, text, warning.Errno, withErrno);
    }
}
