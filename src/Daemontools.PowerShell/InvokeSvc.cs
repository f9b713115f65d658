using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>
/// svc: sends control commands to the supervise of each service directory, optionally waiting
/// until the requested state is reached. Kill and Exit ask for confirmation (high impact).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Svc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(SvStat))]
public sealed class InvokeSvc : SvDirectoryCmdlet
{
    /// <summary>The commands in order (svc letters u d o p c h a i t k x q 1 2 y b r P C K); instead of the switches.</summary>
    [Parameter]
    public ControlCommand[] Command { get; set; } = [];

    /// <summary>u: want up, start if down.</summary>
    [Parameter]
    public SwitchParameter Up { get; set; }

    /// <summary>d: want down; TERM then CONT.</summary>
    [Parameter]
    public SwitchParameter Down { get; set; }

    /// <summary>o: run once, no restart.</summary>
    [Parameter]
    public SwitchParameter Once { get; set; }

    /// <summary>p: STOP.</summary>
    [Parameter]
    public SwitchParameter Pause { get; set; }

    /// <summary>c: CONT.</summary>
    [Parameter]
    public SwitchParameter Continue { get; set; }

    /// <summary>h: HUP.</summary>
    [Parameter]
    public SwitchParameter Hangup { get; set; }

    /// <summary>a: ALRM.</summary>
    [Parameter]
    public SwitchParameter Alarm { get; set; }

    /// <summary>i: INT.</summary>
    [Parameter]
    public SwitchParameter Interrupt { get; set; }

    /// <summary>t: TERM.</summary>
    [Parameter]
    public SwitchParameter Terminate { get; set; }

    /// <summary>k: KILL (asks for confirmation).</summary>
    [Parameter]
    public SwitchParameter Kill { get; set; }

    /// <summary>x: supervise exits once the service is down (asks for confirmation).</summary>
    [Parameter]
    public SwitchParameter Exit { get; set; }

    /// <summary>q: QUIT.</summary>
    [Parameter]
    public SwitchParameter Quit { get; set; }

    /// <summary>1: USR1.</summary>
    [Parameter]
    public SwitchParameter User1 { get; set; }

    /// <summary>2: USR2.</summary>
    [Parameter]
    public SwitchParameter User2 { get; set; }

    /// <summary>y: WINCH.</summary>
    [Parameter]
    public SwitchParameter WindowChange { get; set; }

    /// <summary>b: ABRT.</summary>
    [Parameter]
    public SwitchParameter Abort { get; set; }

    /// <summary>r: restart: the down-signal (TERM unless ./down-signal says otherwise); ./run is started again when it dies.</summary>
    [Parameter]
    public SwitchParameter Restart { get; set; }

    /// <summary>P: STOP to ./run's process group (when it leads one, e.g. with flag-setsid).</summary>
    [Parameter]
    public SwitchParameter PauseGroup { get; set; }

    /// <summary>C: CONT to ./run's process group.</summary>
    [Parameter]
    public SwitchParameter ContinueGroup { get; set; }

    /// <summary>K: KILL to ./run's process group (asks for confirmation).</summary>
    [Parameter]
    public SwitchParameter KillGroup { get; set; }

    /// <summary>With -Wait (or -PassThru) after Up, Once or Restart: wait until ./run also said it is ready (notification-fd).</summary>
    [Parameter]
    public SwitchParameter Ready { get; set; }

    /// <summary>Output the status once the commands took effect (what -Wait waits for; after signals alone, which a service may handle, at once).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Return only once the requested state is reached (up, a new process after -Down -Up, down, paused, continued, the killed process gone, or supervise gone after Exit).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds -Wait waits per service before a terminating SvWaitTimeout error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 7;

    /// <summary>Skip the extra confirmation for Kill and Exit.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var sequence = new ControlSequence();
        foreach (ControlCommand command in Commands()) sequence.Add(command);
        IReadOnlyList<ControlCommand> commands = sequence.Commands;
        if (commands.Count == 0)
        {
            ThrowFailure(new ArgumentException("Name at least one command (a switch such as -Up, or -Command)."), ErrorId.NoSvcCommand, null);
        }
        string letters = System.Text.Encoding.ASCII.GetString(sequence.ToArray());
        bool highImpact = commands.Contains(ControlCommand.Kill) || commands.Contains(ControlCommand.KillGroup) || commands.Contains(ControlCommand.Exit);

        foreach (string directory in ServiceDirectories())
        {
            if (!ShouldProcess(directory, $"svc -{letters}")) continue;
            if (highImpact && !Force && !ConfirmHighImpact($"Send svc -{letters} (kill or exit) to '{directory}'?")) continue;
            DateTimeOffset sent = DateTimeOffset.UtcNow;
            ServiceStatus before = ServiceStatus.Read(directory);
            ControlResult result = ControlClient.Send(directory, sequence.ToArray());
            if (!Delivered(directory, result, $"Unable to control '{directory}': supervise not running.")) continue;
            if ((Wait || PassThru) && StatusTarget.After(commands, before, sent, Ready) is StatusTarget target)
            {
                ServiceStatus status = AwaitState(directory, target, Timeout, Cancellation);
                if (PassThru) WriteStatus(directory, status);
                continue;
            }
            if (PassThru && ReadStatus(directory) is SvStat now) WriteObject(now);
        }
    }


    private IEnumerable<ControlCommand> Commands()
    {
        bool switches = Up || Down || Once || Pause || Continue || Hangup || Alarm || Interrupt || Terminate || Kill || Exit
            || Quit || User1 || User2 || WindowChange || Abort || Restart || PauseGroup || ContinueGroup || KillGroup;
        if (Command.Length > 0 && switches)
        {
            ThrowFailure(new ArgumentException("Give the commands either as switches (-Up, -Down, ...) or as -Command, not both."), ErrorId.SvcCommandConflict, null);
        }
        if (Command.Length > 0) return Command;
        // Switches have no order of their own: use svc's letter order (u d o p c h a i t k x q 1 2 y b r P C K),
        // but Down before Up: -Down -Up is then svc -du, the restart, where -ud would only stop the service.
        var chosen = new List<ControlCommand>();
        if (Down) chosen.Add(ControlCommand.Down);
        if (Up) chosen.Add(ControlCommand.Up);
        if (Once) chosen.Add(ControlCommand.Once);
        if (Pause) chosen.Add(ControlCommand.Pause);
        if (Continue) chosen.Add(ControlCommand.Continue);
        if (Hangup) chosen.Add(ControlCommand.Hangup);
        if (Alarm) chosen.Add(ControlCommand.Alarm);
        if (Interrupt) chosen.Add(ControlCommand.Interrupt);
        if (Terminate) chosen.Add(ControlCommand.Terminate);
        if (Kill) chosen.Add(ControlCommand.Kill);
        if (Exit) chosen.Add(ControlCommand.Exit);
        if (Quit) chosen.Add(ControlCommand.Quit);
        if (User1) chosen.Add(ControlCommand.User1);
        if (User2) chosen.Add(ControlCommand.User2);
        if (WindowChange) chosen.Add(ControlCommand.WindowChange);
        if (Abort) chosen.Add(ControlCommand.Abort);
        if (Restart) chosen.Add(ControlCommand.Restart);
        if (PauseGroup) chosen.Add(ControlCommand.PauseGroup);
        if (ContinueGroup) chosen.Add(ControlCommand.ContinueGroup);
        if (KillGroup) chosen.Add(ControlCommand.KillGroup);
        return chosen;
    }
}
