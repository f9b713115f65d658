namespace Daemontools.Engine.Supervision;

/// <summary>The bytes supervise/control accepts (daemontools 0.76), named for what they do.</summary>
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
}
