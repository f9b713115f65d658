using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>renameat2(2): moves a name into place only when nothing is there, or swaps two names, atomically.</summary>
internal static partial class DirectoryRename
{
    private const int AtWorkingDirectory = -100, NoReplace = 1, Exchange = 2;

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> unless <paramref name="to"/> exists (then EEXIST).</summary>
    public static void MoveNoReplace(string from, string to)
    {
        if (renameat2(AtWorkingDirectory, from, AtWorkingDirectory, to, NoReplace) != 0) throw UnixException.FromLastError("rename", to);
    }

    /// <summary>Swaps <paramref name="first"/> and <paramref name="second"/>; both must exist.</summary>
    public static void Swap(string first, string second)
    {
        if (renameat2(AtWorkingDirectory, first, AtWorkingDirectory, second, Exchange) != 0) throw UnixException.FromLastError("rename", second);
    }

    [LibraryImport("libc.so.6", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(int fromDirectory, string from, int toDirectory, string to, uint flags);
}
