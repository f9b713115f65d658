using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>errno of the last call made through this layer (every declaration that can fail sets SetLastError), and the shapes of results built from it.</summary>
internal static class LastError
{
    /// <summary>The errno the last failed call left.</summary>
    public static Errno Value => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>True when a call returned -1 for EINTR: it is to be made again.</summary>
    public static bool Interrupted(nint result) => result < 0 && Value == Errno.EINTR;

    /// <summary>A call's 0-or--1 result as errno.</summary>
    public static Errno Of(int result) => result == 0 ? Errno.None : Value;

    /// <summary>A count-or--1 result (read, write, tee) as <paramref name="count"/> and errno.</summary>
    public static Errno Count(nint result, out int count)
    {
        count = result >= 0 ? (int)result : 0;
        return result >= 0 ? Errno.None : Value;
    }
}
