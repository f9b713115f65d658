namespace Daemontools.Engine.Unix;

/// <summary>The signals the programs send, reset or report (Linux numbering).</summary>
public enum Signal
{
    /// <summary>SIGHUP.</summary>
    Hangup = 1,

    /// <summary>SIGINT.</summary>
    Interrupt = 2,

    /// <summary>SIGKILL.</summary>
    Kill = 9,

    /// <summary>SIGPIPE.</summary>
    Pipe = 13,

    /// <summary>SIGALRM.</summary>
    Alarm = 14,

    /// <summary>SIGTERM.</summary>
    Terminate = 15,

    /// <summary>SIGCHLD.</summary>
    Child = 17,

    /// <summary>SIGCONT.</summary>
    Continue = 18,

    /// <summary>SIGSTOP.</summary>
    Stop = 19,
}
