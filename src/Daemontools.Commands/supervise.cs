using Daemontools.Commands.Shared;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands;

/// <summary>supervise dir: starts and restarts dir/run, controlled through dir/supervise/control.</summary>
internal static class SuperviseCommand
{
    private const string Name = "supervise";

    public static int Run(string[] args)
    {
        if (args.Length != 1) throw Failure.WithText(100, "supervise: usage: supervise dir\n");
        string dir = args[0];
        try
        {
            SupervisorLoop.Run(dir, warning => Report(dir, warning));
        }
        catch (SuperviseStartupException e)
        {
            throw Failure.Fatal(Name, StartupText(dir, e.Step), errno: e.Errno);
        }
        return 0;
    }

    private static string StartupText(string dir, SuperviseStartupStep step) => step switch
    {
        SuperviseStartupStep.ChangeDirectory => $"unable to chdir to {dir}",
        SuperviseStartupStep.StatDown => $"unable to stat {dir}/down",
        SuperviseStartupStep.AcquireLock => $"unable to acquire {dir}/supervise/lock",
        SuperviseStartupStep.ReadControl => $"unable to read {dir}/supervise/control",
        SuperviseStartupStep.WriteControl => $"unable to write {dir}/supervise/control",
        _ => $"unable to read {dir}/supervise/ok",
    };

    private static void Report(string dir, SupervisorWarning warning)
    {
        switch (warning.Kind)
        {
            case SupervisorWarningKind.StatusOpen:
                Diagnostics.Warning(Name, $"unable to open {dir}/supervise/status.new", warning.Errno);
                break;
            case SupervisorWarningKind.StatusWrite when warning.Errno == Errno.None:
                Diagnostics.Warning(Name, $"unable to write {dir}/supervise/status.new: partial write");
                break;
            case SupervisorWarningKind.StatusWrite:
                Diagnostics.Warning(Name, $"unable to write {dir}/supervise/status.new", warning.Errno);
                break;
            case SupervisorWarningKind.StatusRename:
                Diagnostics.Warning(Name, $"unable to rename {dir}/supervise/status.new to status", warning.Errno);
                break;
            case SupervisorWarningKind.ForkFailed:
                Diagnostics.Warning(Name, $"unable to fork for {dir}, sleeping 60 seconds", warning.Errno);
                break;
            case SupervisorWarningKind.StartFailed:
                // 0.76's child prints this line and exits 111; supervise itself carries on.
                Diagnostics.Write($"{Name}: fatal: unable to start {dir}/run: {warning.Errno.Wording()}\n");
                break;
        }
    }
}
