using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>setlock's open: open(path, O_WRONLY|O_NDELAY|O_APPEND|O_CREAT, 0600), inheritable across exec.</summary>
public static unsafe class LockFileCalls
{
    /// <summary>The descriptor, or -1 with errno.</summary>
    public static int OpenAppend(string path, out int errno, bool inheritable = true)
    {
        int flags = ProcessStateNative.O_WRONLY | ProcessStateNative.O_NONBLOCK | ProcessStateNative.O_APPEND | ProcessStateNative.O_CREAT;
        if (!inheritable) flags |= ProcessStateNative.O_CLOEXEC;
        fixed (byte* p = NativeByteString.Terminated(path))
        {
            int fd = ProcessStateNative.open(p, flags, Convert.ToInt32("600", 8));
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            return fd;
        }
    }
}
