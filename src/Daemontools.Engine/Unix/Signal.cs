namespace Daemontools.Engine.Unix;

/// <summary>The signals the programs send, reset, ignore or report (Linux numbering).</summary>
public enum Signal
{
    /// <summary>SIGHUP.</summary>
    Hangup = 1,

    /// <summary>SIGINT.</summary>
    Interrupt = 2,

    /// <summary>SIGQUIT.</summary>
    Quit = 3,

    /// <summary>SIGABRT.</summary>
    Abort = 6,

    /// <summary>SIGKILL.</summary>
    Kill = 9,

    /// <summary>SIGUSR1.</summary>
    User1 = 10,

    /// <summary>SIGUSR2.</summary>
    User2 = 12,

    /// <summary>SIGPIPE.</summary>
    Pipe = 13,

    /// <summary>SIGALRM.</summary>
    Alarm = 14,

    /// <summary>SIGTERM.</summary>
    Terminate = 15,

    /// <summary>SIGSTKFLT.</summary>
    StackFault = 16,

    /// <summary>SIGCHLD.</summary>
    Child = 17,

    /// <summary>SIGCONT.</summary>
    Continue = 18,

    /// <summary>SIGSTOP.</summary>
    Stop = 19,

    /// <summary>SIGTSTP.</summary>
    TerminalStop = 20,

    /// <summary>SIGTTIN.</summary>
    TerminalInput = 21,

    /// <summary>SIGTTOU.</summary>
    TerminalOutput = 22,

    /// <summary>SIGXFSZ.</summary>
    FileSizeLimit = 25,

    /// <summary>SIGVTALRM.</summary>
    VirtualAlarm = 26,

    /// <summary>SIGPROF.</summary>
    Profile = 27,

    /// <summary>SIGWINCH.</summary>
    WindowChange = 28,

    /// <summary>SIGIO (SIGPOLL).</summary>
    InputOutput = 29,

    /// <summary>SIGPWR.</summary>
    Power = 30,
}
