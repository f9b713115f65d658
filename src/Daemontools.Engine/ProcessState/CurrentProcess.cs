using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// What the programs set up or check about their own process before doing their work, as the
/// originals do: the working directory, the file creation mask, signal dispositions, the session.
/// </summary>
public static class CurrentProcess
{
    /// <summary>
    /// Opens "." and closes it again: 0.76's svc and svstat keep it to come back to between
    /// directories, and fail when it cannot be opened. Throws <see cref="WorkingDirectoryException"/>.
    /// </summary>
    public static void CheckWorkingDirectory()
    {
        Errno errno = FileSystem.OpenRead(".", out Descriptor fd);
        if (errno != Errno.None) throw new WorkingDirectoryException(WorkingDirectoryStep.OpenCurrent, ".", errno);
        fd.Close();
    }

    /// <summary>chdir for the whole process; throws <see cref="WorkingDirectoryException"/>.</summary>
    public static void ChangeWorkingDirectory(string path)
    {
        Errno errno = FileSystem.ChangeDirectory(path);
        if (errno != Errno.None) throw new WorkingDirectoryException(WorkingDirectoryStep.Change, path, errno);
    }

    /// <summary>umask(2); returns the previous mask.</summary>
    public static UnixFileMode SetCreationMask(UnixFileMode mask) => FileSystem.SetCreationMask(mask);

    /// <summary>
    /// The .NET runtime ignores SIGPIPE; the originals die of it, and an ignored disposition would
    /// survive every exec into the services. Puts the default back.
    /// </summary>
    public static void RestoreDefaultPipeSignal() => Signals.SetDefault(Signal.Pipe);

    /// <summary>
    /// Ignores every signal a long-lived program has no use for, so none can take it down: a
    /// terminal or readproctitle gone (PIPE, HUP), a stray kill -USR1, a job-control stop, a timer
    /// nobody set, the real-time signals. Kept as they are: <paramref name="keep"/>; the deliberate
    /// stops (TERM, INT, QUIT; KILL and STOP cannot be caught); the faults the kernel raises for a
    /// bug (SEGV, BUS, ILL, FPE, TRAP, ABRT, SYS); XCPU, the CPU limit an operator set; and those
    /// whose default is to do nothing. Children get every signal back at its default (the spawner
    /// resets them all), so nothing of this reaches a service.
    /// </summary>
    public static void IgnoreStraySignals(params ReadOnlySpan<Signal> keep)
    {
        foreach (Signal signal in StraySignals)
        {
            if (!Kept(signal, keep)) Signals.IgnoreIfDefault((int)signal);
        }
        (int first, int last) = Signals.RealTime;
        for (int signal = first; signal <= last; signal++) Signals.IgnoreIfDefault(signal);
    }

    private static bool Kept(Signal signal, ReadOnlySpan<Signal> keep)
    {
        foreach (Signal kept in keep)
        {
            if (kept == signal) return true;
        }
        return false;
    }

    private static readonly Signal[] StraySignals =
    [
        Signal.Hangup, Signal.User1, Signal.User2, Signal.Pipe, Signal.Alarm, Signal.StackFault,
        Signal.TerminalStop, Signal.TerminalInput, Signal.TerminalOutput, Signal.FileSizeLimit,
        Signal.VirtualAlarm, Signal.Profile, Signal.InputOutput, Signal.Power,
    ];

    /// <summary>Puts back the signal mask and ignored signals this process inherited (recorded before the runtime started).</summary>
    public static void RestoreInheritedSignals() => Signals.RestoreInherited();

    /// <summary>Sends <paramref name="signal"/> to this process (a host that caught a signal passing it on to its default handling).</summary>
    public static void Raise(Signal signal) => Signals.Send(Environment.ProcessId, signal);

    /// <summary>setsid(2): a new session and process group; fails (harmlessly) for a group leader.</summary>
    public static Errno StartSession() => ProgramImage.NewSession();
}
