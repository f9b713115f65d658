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
            Action<SupervisorWarning> warn = warning => Report(dir, warning);
            var serviceLock = new ServiceLock(LockWaiter, warn);
            SupervisorLoop.Run(dir, warn, serviceLock: serviceLock);
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

    /// <summary>./run behind this binary's hidden lock waiter (see <see cref="LockwaitCommand"/>).</summary>
    private static (string Program, string[] Arguments) LockWaiter(int fd, string[] run) =>
        ("/proc/self/exe", ["daemontools", LockwaitCommand.Name, fd.ToString(System.Globalization.CultureInfo.InvariantCulture), .. run]);

    private static void Report(string dir, SupervisorWarning warning)
    {
        switch (warning.Kind)
        {
            case SupervisorWarningKind.InvalidSetting:
                Diagnostics.Warning(Name, $"invalid {dir}/{warning.Subject}; using the default");
                break;
            case SupervisorWarningKind.SettingUnreadable:
                Diagnostics.Warning(Name, $"unable to read {dir}/{warning.Subject}", warning.Errno);
                break;
            case SupervisorWarningKind.FinishFailed:
                Diagnostics.Warning(Name, $"unable to start {dir}/finish", warning.Errno);
                break;
            case SupervisorWarningKind.FinishKilled:
                Diagnostics.Warning(Name, $"{dir}/finish outlived timeout-finish: sending it SIGKILL");
                break;
            case SupervisorWarningKind.DescriptorFailed:
                Diagnostics.Warning(Name, $"unable to open {dir}/{warning.Subject}", warning.Errno);
                break;
            case SupervisorWarningKind.LockBusy:
                Diagnostics.Warning(Name, $"another copy of {dir}/run holds {dir}/{warning.Subject}: the new one waits for it");
                break;
            case SupervisorWarningKind.ControlReplaced:
                Diagnostics.Warning(Name, string.Concat([dir, "/supervise/control was ", warning.Subject, ": a FIFO put back, commands written into it applied"]));
                break;
            case SupervisorWarningKind.ControlUnrepairable:
                Diagnostics.Warning(Name, string.Concat("unable to put a FIFO back as ", dir, "/supervise/control"), warning.Errno);
                break;
            case SupervisorWarningKind.DescriptorLimit:
                Diagnostics.Warning(Name, string.Concat(["descriptor limit ", warning.Subject, " is too low for a shell script as ", dir, "/run: /bin/sh needs descriptor 10"]));
                break;
            case SupervisorWarningKind.DeathTallyWrite:
                Diagnostics.Warning(Name, $"unable to write {dir}/supervise/death_tally", warning.Errno);
                break;
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
                Diagnostics.Write(string.Concat([Name, ": fatal: unable to start ", dir, "/run: ", warning.Errno.Wording(), "\n"]));
                break;
        }
    }
}
