using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>Checks on a program file before it is run: which file it is, and whether this process may execute it.</summary>
public static class ProgramFile
{
    /// <summary>True when <paramref name="path"/> and <paramref name="other"/> (links followed) are one file, false when they differ.</summary>
    /// <exception cref="ProgramFileException">Either cannot be examined (step <see cref="ProgramFileStep.Examine"/>, naming which).</exception>
    public static bool IsSameFile(string path, string other)
    {
        FileFacts first = Examine(path);
        FileFacts second = Examine(other);
        return first.Device == second.Device && first.Inode == second.Inode;
    }

    /// <summary>Returns when the current effective ids may execute <paramref name="path"/> (faccessat X_OK, AT_EACCESS).</summary>
    /// <exception cref="ProgramFileException">They may not (step <see cref="ProgramFileStep.Execute"/>).</exception>
    public static void RequireExecutable(string path)
    {
        Errno errno = ProgramImage.CheckExecutable(path);
        if (errno != Errno.None) throw new ProgramFileException(ProgramFileStep.Execute, path, errno);
    }

    private static FileFacts Examine(string path)
    {
        Errno errno = FileSystem.Stat(path, out FileFacts facts);
        return errno == Errno.None ? facts : throw new ProgramFileException(ProgramFileStep.Examine, path, errno);
    }
}
