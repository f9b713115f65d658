namespace Daemontools.Engine.Interop;

/// <summary>Sending signals to other processes.</summary>
public static class ProcessSignals
{
    /// <summary>The signal numbers supervise sends or resets (Linux).</summary>
    public const int Hangup = 1, Interrupt = 2, Quit = 3, Abort = 6, Kill = 9, User1 = 10, User2 = 12, Alarm = 14, Terminate = 15,
        Child = 17, Continue = 18, Stop = 19, WindowChange = 28;

    /// <summary>kill(2); false when the process is gone (or not ours to signal).</summary>
    public static bool Send(int pid, int signal) => Tmds.Linux.LibC.kill(pid, signal) == 0;

    /// <summary>kill(-pgid): the whole process group; false when it is gone.</summary>
    public static bool SendToGroup(int pgid, int signal) => pgid > 0 && Tmds.Linux.LibC.kill(-pgid, signal) == 0;

    /// <summary>True when <paramref name="pid"/> leads its own process group (getpgid(pid) == pid).</summary>
    public static bool LeadsGroup(int pid) => pid > 0 && Tmds.Linux.LibC.getpgid(pid) == pid;
}
