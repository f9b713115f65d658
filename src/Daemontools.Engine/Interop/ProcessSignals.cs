namespace Daemontools.Engine.Interop;

/// <summary>Sending signals to other processes.</summary>
public static class ProcessSignals
{
    /// <summary>The signal numbers supervise sends or resets (Linux).</summary>
    public const int Hangup = 1, Interrupt = 2, Kill = 9, Alarm = 14, Terminate = 15, Child = 17, Continue = 18, Stop = 19;

    /// <summary>kill(2); false when the process is gone (or not ours to signal).</summary>
    public static bool Send(int pid, int signal) => Tmds.Linux.LibC.kill(pid, signal) == 0;
}
