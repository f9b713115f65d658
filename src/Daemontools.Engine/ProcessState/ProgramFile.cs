using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>Checks on a program file before it is run: which file it is, and whether this process may execute it.</summary>
public static class ProgramFile
{
    /// <summary>
    /// True when <paramref name="path"/> and <paramref name="other"/> (links followed) are one file.
    /// False with <paramref name="errno"/> set when either cannot be examined, or Errno.None when they differ.
    /// </summary>
    public static bool IsSameFile(string path, string other, out Errno errno)
    {
        errno = FileSystem.Stat(path, out FileFacts first);
        if (errno != Errno.None) return false;
        errno = FileSystem.Stat(other, out FileFacts second);
        return errno == Errno.None && first.Device == second.Device && first.Inode == second.Inode;
    }

    /// <summary>Whether the current effective ids may execute <paramref name="path"/> (faccessat X_OK, AT_EACCESS).</summary>
    public static Errno CheckExecutable(string path) => ProgramImage.CheckExecutable(path);
}
