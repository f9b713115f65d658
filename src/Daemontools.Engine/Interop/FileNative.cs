using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>File-system calls Tmds.LibC lacks, with errno reported rather than thrown (callers word the failure).</summary>
public static class FileNative
{
    /// <summary>rename(2): atomic replacement of <paramref name="to"/>. Returns 0 or errno.</summary>
    public static int Rename(string from, string to) =>
        LibCNative.rename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();
}
