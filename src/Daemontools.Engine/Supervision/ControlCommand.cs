namespace Daemontools.Engine.Supervision;

/// <summary>
/// The bytes supervise/control accepts, named for what they do: 0.76's eleven, then s6's letters for
/// more signals, restart and group signals (0.76's supervise ignores bytes it does not know).
/// </summary>
public enum ControlCommand : byte
{
    /// <summary>u: want up; start ./run if it is down.</summary>
    Up = (byte)'u',

    /// <summary>d: want down; TERM then CONT to ./run if it is up.</summary>
    Down = (byte)'d',

    /// <summary>o: run once: start if down, do not restart after it exits.</summary>
    Once = (byte)'o',

    /// <summary>p: pause (STOP).</summary>
    Pause = (byte)'p',

    /// <summary>c: continue (CONT).</summary>
    Continue = (byte)'c',

    /// <summary>h: HUP.</summary>
    Hangup = (byte)'h',

    /// <summary>a: ALRM.</summary>
    Alarm = (byte)'a',

    /// <summary>i: INT.</summary>
    Interrupt = (byte)'i',

    /// <summary>t: TERM.</summary>
    Terminate = (byte)'t',

    /// <summary>k: KILL.</summary>
    Kill = (byte)'k',

    /// <summary>x: supervise exits as soon as the service is down (it does not stop the service).</summary>
    Exit = (byte)'x',

    /// <summary>q: QUIT.</summary>
    Quit = (byte)'q',

    /// <summary>1: USR1.</summary>
    User1 = (byte)'1',

    /// <summary>2: USR2.</summary>
    User2 = (byte)'2',

    /// <summary>y: WINCH.</summary>
    WindowChange = (byte)'y',

    /// <summary>b: ABRT.</summary>
    Abort = (byte)'b',

    /// <summary>r: restart: the down-signal alone; ./run is started again when it dies (nothing when down).</summary>
    Restart = (byte)'r',

    /// <summary>P: STOP to ./run's process group, when ./run leads one (and pause).</summary>
    PauseGroup = (byte)'P',

    /// <summary>C: CONT to ./run's process group, when ./run leads one (and continue).</summary>
    ContinueGroup = (byte)'C',

    /// <summary>K: KILL to ./run's process group, when ./run leads one.</summary>
    KillGroup = (byte)'K',
}
