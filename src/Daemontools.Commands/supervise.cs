using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands;

/// <summary>supervise dir: starts and restarts dir/run, controlled through dir/supervise/control.</summary>
internal static class SuperviseCommand
{
    public const string Name = "supervise";

    public static int Run(string dir)
    {
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
        if (warning.Kind == SupervisorWarningKind.StartFailed)
        {
            // 0.76's child prints this line and exits 111; supervise itself carries on.
            Diagnostics.Write(string.Concat([Name, ": fatal: unable to start ", dir, "/run: ", warning.Errno.Wording(), "\n"]));
            return;
        }
        string? text = warning.Kind switch
        {
            SupervisorWarningKind.InvalidSetting => $"invalid {dir}/{warning.Subject}; using the default",
            SupervisorWarningKind.SettingUnreadable => $"unable to read {dir}/{warning.Subject}",
            SupervisorWarningKind.FinishFailed => $"unable to start {dir}/finish",
            SupervisorWarningKind.FinishKilled => $"{dir}/finish outlived timeout-finish: sending it SIGKILL",
            SupervisorWarningKind.DescriptorFailed => $"unable to open {dir}/{warning.Subject}",
            SupervisorWarningKind.LockBusy => $"another copy of {dir}/run holds {dir}/{warning.Subject}: the new one waits for it",
            SupervisorWarningKind.ControlReplaced => string.Concat([dir, "/supervise/control was ", warning.Subject, ": a FIFO put back, commands written into it applied"]),
            SupervisorWarningKind.ControlUnrepairable => string.Concat("unable to put a FIFO back as ", dir, "/supervise/control"),
            SupervisorWarningKind.DescriptorLimit => string.Concat(["descriptor limit ", warning.Subject, " is too low for a shell script as ", dir, "/run: /bin/sh needs descriptor 10"]),
            SupervisorWarningKind.DeathTallyWrite => $"unable to write {dir}/supervise/death_tally",
            SupervisorWarningKind.StatusOpen => $"unable to open {dir}/supervise/status.new",
            SupervisorWarningKind.StatusWrite when warning.Errno == Errno.None => $"unable to write {dir}/supervise/status.new: partial write",
            SupervisorWarningKind.StatusWrite => $"unable to write {dir}/supervise/status.new",
            SupervisorWarningKind.StatusRename => $"unable to rename {dir}/supervise/status.new to status",
            SupervisorWarningKind.ForkFailed => $"unable to fork for {dir}, sleeping 60 seconds",
            _ => null,
        };
        if (text is null) return;
        bool withoutErrno = warning.Kind is SupervisorWarningKind.InvalidSetting or SupervisorWarningKind.FinishKilled or SupervisorWarningKind.LockBusy
            or SupervisorWarningKind.ControlReplaced or SupervisorWarningKind.DescriptorLimit
            || (warning.Kind == SupervisorWarningKind.StatusWrite && warning.Errno == Errno.None);
        Diagnostics.Warning(Name, text, warning.Errno, withErrno: !withoutErrno);
    }
}
