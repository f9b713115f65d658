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

    /// <summary>Puts back the signal mask and ignored signals this process inherited (recorded before the runtime started).</summary>
    public static void RestoreInheritedSignals() => Signals.RestoreInherited();

    /// <summary>Sends <paramref name="signal"/> to this process (a host that caught a signal passing it on to its default handling).</summary>
    public static void Raise(Signal signal) => Signals.Send(Environment.ProcessId, signal);

    /// <summary>setsid(2): a new session and process group; fails (harmlessly) for a group leader.</summary>
    public static Errno StartSession() => ProgramImage.NewSession();
}
